#include "SqlStatement.h"

#include <sqlite3.h>

namespace hearth {

SqlStatement::SqlStatement(sqlite3 *db, const QString &sql)
    : m_db(db)
{
    const QByteArray utf8 = sql.toUtf8();
    // PERSISTENT: the statement lives as long as the store, so SQLite keeps it out of its
    // short-lived lookaside memory.
    if (sqlite3_prepare_v3(m_db, utf8.constData(), int(utf8.size()), SQLITE_PREPARE_PERSISTENT, &m_statement, nullptr)
        != SQLITE_OK) {
        m_prepareError = QString::fromUtf8(sqlite3_errmsg(m_db));
        m_statement = nullptr;
        m_ok = false;
    }
}

SqlStatement::~SqlStatement()
{
    sqlite3_finalize(m_statement);
}

void SqlStatement::bind(int index, const QString &text)
{
    if (text.isNull())
        bindNull(index);
    else
        bindUtf8(index, text.toUtf8());
}

void SqlStatement::bindUtf8(int index, QByteArray utf8)
{
    if (!m_statement)
        return;
    m_text.append(std::move(utf8));
    const QByteArray &kept = m_text.constLast();
    // SQLITE_STATIC: the bytes are kept in m_text until reset() clears the bindings.
    sqlite3_bind_text(m_statement, index + 1, kept.constData(), int(kept.size()), SQLITE_STATIC);
}

void SqlStatement::bind(int index, qint64 value)
{
    if (m_statement)
        sqlite3_bind_int64(m_statement, index + 1, value);
}

void SqlStatement::bind(int index, double value)
{
    if (m_statement)
        sqlite3_bind_double(m_statement, index + 1, value);
}

void SqlStatement::bindNull(int index)
{
    if (m_statement)
        sqlite3_bind_null(m_statement, index + 1);
}

bool SqlStatement::step()
{
    if (!m_statement)
        return false;
    const int rc = sqlite3_step(m_statement);
    m_ok = rc == SQLITE_ROW || rc == SQLITE_DONE;
    return rc == SQLITE_ROW;
}

QString SqlStatement::errorText() const
{
    if (!m_statement)
        return m_prepareError;
    return QString::fromUtf8(sqlite3_errmsg(m_db));
}

bool SqlStatement::isNull(int column) const
{
    return sqlite3_column_type(m_statement, column) == SQLITE_NULL;
}

qint64 SqlStatement::int64(int column) const
{
    return sqlite3_column_int64(m_statement, column);
}

double SqlStatement::real(int column) const
{
    return sqlite3_column_double(m_statement, column);
}

QString SqlStatement::text(int column) const
{
    const auto *bytes = reinterpret_cast<const char *>(sqlite3_column_text(m_statement, column));
    if (!bytes)
        return {};
    return QString::fromUtf8(bytes, sqlite3_column_bytes(m_statement, column));
}

void SqlStatement::reset()
{
    if (!m_statement)
        return;
    sqlite3_reset(m_statement);
    sqlite3_clear_bindings(m_statement); // no binding may point into the text released below
    m_text.clear();
    m_ok = true;
}

} // namespace hearth
