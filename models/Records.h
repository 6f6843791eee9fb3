#pragma once

#include <QDate>
#include <QJsonObject>
#include <QString>

class QSqlQuery;

namespace hearth {

// Typed rows as the models hold them. fromRow() reads a query of the form
// "SELECT id, <the collection's fields in Schema order>, rev, updated_at"; fromJson() reads an
// entity as the engine announces it. toFields() gives the editable fields in wire form.

struct PantryItem
{
    QString id;
    QString name;
    double quantity = 1;
    QString unit;
    QString category;
    QString location;
    QDate expiresOn; // invalid = does not expire
    qint64 rev = 0;

    static PantryItem fromRow(const QSqlQuery &query);
    static PantryItem fromJson(const QJsonObject &entity);
    QJsonObject toFields() const;
};

struct BudgetTransaction
{
    QString id;
    QDate occurredOn;
    QString description;
    QString category;
    qint64 amountCents = 0; // positive = money spent, negative = refund
    QString memberId;
    qint64 rev = 0;

    static BudgetTransaction fromRow(const QSqlQuery &query);
    static BudgetTransaction fromJson(const QJsonObject &entity);
    QJsonObject toFields() const;
};

struct Goal
{
    QString id;
    QString name;
    qint64 targetCents = 0;
    qint64 savedCents = 0;
    QDate targetDate;
    QDate startedOn;
    qint64 rev = 0;

    static Goal fromRow(const QSqlQuery &query);
    static Goal fromJson(const QJsonObject &entity);
    QJsonObject toFields() const;
};

struct BoardColumn
{
    QString id;
    QString name;
    double position = 0;
    qint64 rev = 0;

    static BoardColumn fromRow(const QSqlQuery &query);
    static BoardColumn fromJson(const QJsonObject &entity);
    QJsonObject toFields() const;
};

struct BoardCard
{
    QString id;
    QString columnId;
    QString title;
    QString quantity;
    QString category;
    QString note;
    QString assigneeId;
    bool done = false;
    double position = 0;
    qint64 rev = 0;

    static BoardCard fromRow(const QSqlQuery &query);
    static BoardCard fromJson(const QJsonObject &entity);
    QJsonObject toFields() const;
};

struct Member
{
    QString id;
    QString name;
    QString role;
    QString color;
    qint64 rev = 0;

    static Member fromRow(const QSqlQuery &query);
    static Member fromJson(const QJsonObject &entity);
    QJsonObject toFields() const;
};

struct Household
{
    QString id;
    QString name;
    QString currency;
    qint64 budgetLimitCents = 0;
    qint64 rev = 0;

    static Household fromRow(const QSqlQuery &query);
    static Household fromJson(const QJsonObject &entity);
    QJsonObject toFields() const;
};

} // namespace hearth
