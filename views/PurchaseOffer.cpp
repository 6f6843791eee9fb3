#include "PurchaseOffer.h"

#include "BoardModels.h"
#include "EditHistory.h"
#include "HouseholdData.h"
#include "HouseholdModel.h"
#include "Theme.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace hearth {

PurchaseOffer::PurchaseOffer(HouseholdData &data, EditHistory &history, Size size, QWidget *parent)
    : QFrame(parent)
    , m_data(data)
    , m_history(history)
    , m_label(new QLabel(this))
    , m_add(Theme::makePrimaryButton(tr("Add to &pantry"), this))
    , m_dismiss(Theme::makeSecondaryButton(tr("Not now"), this))
{
    setObjectName(QStringLiteral("purchaseOffer"));
    setProperty("touch", size == Size::Touch);
    m_label->setObjectName(QStringLiteral("purchaseOfferText"));
    m_label->setWordWrap(true);
    m_add->setObjectName(QStringLiteral("addToPantry"));
    m_dismiss->setObjectName(QStringLiteral("dismissOffer"));
    for (QPushButton *button : {m_add, m_dismiss}) {
        button->setFocusPolicy(size == Size::Touch ? Qt::NoFocus : Qt::TabFocus); // never taken from typing
        button->setCursor(Qt::PointingHandCursor);
        if (size == Size::Touch)
            button->setMinimumHeight(56);
    }
    if (size == Size::Touch) {
        QFont font = m_label->font();
        font.setPointSizeF(font.pointSizeF() * 1.25);
        m_label->setFont(font);
    }
    m_label->setMinimumWidth(Theme::kGrid); // wraps rather than widen its column
    auto *buttons = new QHBoxLayout;
    buttons->setSpacing(Theme::kGrid);
    if (size == Size::Touch) {
        // A narrow kiosk column: the sentence above, two wide targets below it.
        auto *layout = new QVBoxLayout(this);
        layout->setContentsMargins(2 * Theme::kGrid, Theme::kGrid, 2 * Theme::kGrid, 2 * Theme::kGrid);
        layout->setSpacing(Theme::kGrid);
        layout->addWidget(m_label);
        // A square ✕ beside the wide "Add": both fit a third of a 1024 px screen.
        m_dismiss->setText(QStringLiteral("✕"));
        m_dismiss->setAccessibleName(tr("Not now"));
        m_dismiss->setToolTip(tr("Not now"));
        m_dismiss->setFixedSize(56, 56);
        buttons->addWidget(m_add, 1);
        buttons->addWidget(m_dismiss);
        layout->addLayout(buttons);
    } else {
        auto *layout = new QHBoxLayout(this);
        layout->setContentsMargins(2 * Theme::kGrid, Theme::kGrid, Theme::kGrid, Theme::kGrid);
        layout->setSpacing(Theme::kGrid);
        layout->addWidget(m_label, 1);
        buttons->addWidget(m_add);
        buttons->addWidget(m_dismiss);
        layout->addLayout(buttons);
    }
    hide();

    for (const BoardCard &card : m_data.cards.records())
        if (card.done)
            m_done.insert(card.id);
    connect(m_add, &QPushButton::clicked, this, [this] { addToPantry(); });
    connect(m_dismiss, &QPushButton::clicked, this, &PurchaseOffer::dismiss);
    connect(&m_data.cards, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &from, const QModelIndex &to) { cardsChanged(from.row(), to.row()); });
    connect(&m_data.cards, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &, int first, int last) {
        for (int row = first; row <= last; ++row) // a card put back (undo) is not a new purchase
            if (m_data.cards.at(row).done)
                m_done.insert(m_data.cards.at(row).id);
    });
    connect(&m_data.cards, &QAbstractItemModel::rowsRemoved, this, &PurchaseOffer::recheck);
    connect(&m_data.cards, &QAbstractItemModel::modelReset, this, [this] {
        m_done.clear();
        for (const BoardCard &card : m_data.cards.records())
            if (card.done)
                m_done.insert(card.id);
        recheck();
    });
    connect(&m_data.household, &QAbstractItemModel::dataChanged, this, &PurchaseOffer::recheck);
}

QString PurchaseOffer::text() const
{
    return isHidden() ? QString() : m_label->text();
}

void PurchaseOffer::cardsChanged(int first, int last)
{
    QString ticked;
    for (int row = first; row <= last && row < m_data.cards.rowCount(); ++row) {
        const BoardCard &card = m_data.cards.at(row);
        if (!card.done) {
            m_done.remove(card.id);
            continue;
        }
        if (m_done.contains(card.id))
            continue;
        m_done.insert(card.id);
        if (card.boughtBy == m_data.engine.actingMemberId())
            ticked = card.id;
    }
    if (!ticked.isEmpty())
        offer(ticked);
    else
        recheck();
}

void PurchaseOffer::offer(const QString &cardId)
{
    const auto card = m_data.cards.find(cardId);
    if (!card || m_data.household.household().boughtToPantry != QLatin1String("ask") || !m_data.cards.canAddToPantry(cardId))
        return recheck();
    m_cardId = cardId;
    m_error.clear();
    m_label->setText(card->quantity.isEmpty() ? tr("You bought %1. Put it in the pantry?").arg(card->title)
                                              : tr("You bought %1 (%2). Put it in the pantry?").arg(card->title, card->quantity));
    m_add->setToolTip(tr("Add %1 to the pantry (Alt+P)").arg(card->title));
    show();
}

void PurchaseOffer::recheck()
{
    if (m_cardId.isEmpty())
        return;
    if (m_data.household.household().boughtToPantry != QLatin1String("ask") || !m_data.cards.canAddToPantry(m_cardId))
        dismiss();
}

bool PurchaseOffer::addToPantry()
{
    const auto card = m_data.cards.find(m_cardId);
    if (!card || isHidden())
        return false;
    const MutationResult result = m_history.apply(m_data.cards, m_data.cards.pantryMutation(card->id, true),
                                                  tr("Add %1 to the pantry").arg(card->title));
    if (!result.ok) {
        m_error = result.error.message;
        m_label->setText(result.error.message);
        return false;
    }
    dismiss();
    return true;
}

void PurchaseOffer::dismiss()
{
    m_cardId.clear();
    hide();
}

} // namespace hearth
