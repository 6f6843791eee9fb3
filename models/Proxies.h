#pragma once

#include <QSortFilterProxyModel>

namespace hearth {

// Pantry: free-text filter over name/category/location, one category, and "expiring soon".
class PantryFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit PantryFilterProxy(QObject *parent = nullptr);

    void setSearchText(const QString &text);
    void setCategory(const QString &category); // empty = all
    void setExpiringSoonOnly(bool on);
    QString category() const { return m_category; }
    bool expiringSoonOnly() const { return m_expiringSoonOnly; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_search;
    QString m_category;
    bool m_expiringSoonOnly = false;
};

// Budget: the transactions of one month, newest first by default.
class MonthFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit MonthFilterProxy(QObject *parent = nullptr);
    void setMonth(int year, int month);
    int year() const { return m_monthKey / 100; }
    int month() const { return m_monthKey % 100; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    int m_monthKey = 0;
};

// Board: the cards of one column, top to bottom.
class ColumnCardsProxy final : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit ColumnCardsProxy(QString columnId, QObject *parent = nullptr);
    QString columnId() const { return m_columnId; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QString m_columnId;
};

} // namespace hearth
