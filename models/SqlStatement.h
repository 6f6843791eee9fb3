#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

struct sqlite3;
struct sqlite3_stmt;

namespace hearth {

// One SQL statement prepared once on a store's connection through SQLite's C API, for the
// statements every mutation runs. QtSql costs a third of such a statement: QSqlResult::bindValue
// formats a placeholder name with QString::arg on every bind, the QSQLITE driver rebuilds the
// result's QSqlRecord on every exec() and binds text as UTF-16, which SQLite converts to the
// file's UTF-8 (docs/benchmarks.md). Here text is bound and read as UTF-8 and nothing is rebuilt.
//
// Bind values, then step(); a SqlStatement::Run resets the statement (ending its read, releasing
// the bound text) when it goes out of scope, so a statement never holds a read snapshot open
// between uses. Binding follows the QSQLITE driver: a null QString is bound as NULL.
// Store::statement() owns them; they are finalized before the connection closes.
class SqlStatement final
{
public:
    SqlStatement(sqlite3 *db, const QString &sql);
    ~SqlStatement();
    Q_DISABLE_COPY_MOVE(SqlStatement)

    bool isValid() const { return m_statement != nullptr; }

    // Indexes are 0-based like QSqlQuery::bindValue and value().
    void bind(int index, const QString &text);
    void bindUtf8(int index, QByteArray utf8);
    void bind(int index, qint64 value);
    void bind(int index, double value);
    void bindNull(int index);

    // Runs to the next row: true while there is one. A statement without rows (INSERT, UPDATE,
    // DELETE) returns false; ok() says whether it succeeded.
    bool step();
    bool ok() const { return m_ok; }
    QString errorText() const;

    bool isNull(int column) const;
    qint64 int64(int column) const;
    double real(int column) const;
    QString text(int column) const;

    void reset();

    // Resets the statement when it goes out of scope.
    class Run final
    {
    public:
        explicit Run(SqlStatement &statement)
            : m_statement(statement)
        {
        }
        ~Run() { m_statement.reset(); }
        Q_DISABLE_COPY_MOVE(Run)
        SqlStatement *operator->() const { return &m_statement; }
        SqlStatement &operator*() const { return m_statement; }

    private:
        SqlStatement &m_statement;
    };

private:
    sqlite3 *m_db;
    sqlite3_stmt *m_statement = nullptr;
    QList<QByteArray> m_text; // bound text stays alive until reset (bound without a copy)
    bool m_ok = true;
    QString m_prepareError;
};

} // namespace hearth
