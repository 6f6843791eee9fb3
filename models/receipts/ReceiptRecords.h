#pragma once

// The receipts system's rows (models/collections/ReceiptsCollection.cpp describes them): a
// confirmed receipt and its lines with their budget category and pantry addition. Its image is
// not part of the row (ReceiptImages.h): a create carries it as an input.

#include "ParsedReceipt.h"

#include <QDate>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace hearth {

class RowReader;

// What a line adds to the pantry: a new item, or a step on an existing one (pantryItemId).
struct PantryAddition
{
    bool add = false;
    double quantity = 1;
    QString unit;
    QString location;
    QString pantryItemId; // an existing item to add to; after confirming, also the item made
    bool created = false; // set by the host: the item was made by this receipt (not a step)

    static PantryAddition fromJson(const QJsonObject &object);
    QJsonObject toJson() const;
};

struct ConfirmedLine
{
    QString name;
    double quantity = 1;
    qint64 priceCents = 0; // the line's total, quantity included; negative for a discount
    QString category;      // the budget category ("Groceries")
    PantryAddition pantry;

    static ConfirmedLine fromJson(const QJsonObject &object);
    QJsonObject toJson() const;
};

struct Receipt
{
    QString id;
    QString merchant;
    QDate purchasedOn;
    qint64 totalCents = 0;
    QString currency; // empty: the household's
    QList<ConfirmedLine> lines;
    bool hasImage = false; // host-decided: the household keeps an image of it (ReceiptImages)
    // Only on the way to a create (its inputs): the reduced JPEG and its thumbnail. Never read back
    // from a row; views ask ReceiptImages.
    QByteArray imageJpeg;
    QByteArray thumbnailJpeg;
    qint64 itemCount = 0;
    QString createdBy;
    QStringList transactionIds; // the budget transactions it made (host-decided)
    qint64 rev = 0;

    static Receipt fromRow(const RowReader &row);
    static Receipt fromJson(const QJsonObject &entity);
    // The fields a create sends (item_count, created_by, transaction_ids and has_image are the
    // host's); the image goes beside them as inputs (ReceiptsModel::confirmMutation).
    QJsonObject toFields() const;

    qint64 linesSumCents() const;
    static QJsonArray linesJson(const QList<ConfirmedLine> &lines);
    static QList<ConfirmedLine> linesFrom(const QJsonArray &array);
};

} // namespace hearth
