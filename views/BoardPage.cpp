#include "BoardPage.h"

#include "BoardColumnView.h"
#include "Confirmer.h"
#include "DashboardCard.h"
#include "EditHistory.h"
#include "HouseholdData.h"
#include "PurchaseOffer.h"
#include "RoleGate.h"
#include "Theme.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QStyle>
#include <QVBoxLayout>

namespace hearth {

namespace {

// The shopping list on the dashboard: each column's count and what to buy next.
class ShoppingCard final : public DashboardCard
{
    Q_OBJECT

public:
    ShoppingCard(HouseholdData &data, QWidget *parent)
        : DashboardCard(parent)
        , m_data(data)
        , m_detail(new QLabel(this))
    {
        m_detail->setTextFormat(Qt::RichText);
        m_detail->setWordWrap(true);
        body()->addWidget(m_detail);
        body()->addStretch(1);
        follow(m_data.columns);
        follow(m_data.cards);
        refresh();
    }

    QString text() const override { return m_detail->text(); }

protected:
    void refresh() override
    {
        const QList<BoardColumn> columns = m_data.columns.ordered();
        if (m_data.cards.rowCount() == 0) {
            m_detail->setText(tr("The list is empty — add what you need to buy."));
            return;
        }
        QStringList rows;
        for (const BoardColumn &column : columns)
            rows << tableRow(column.name, tr("%n card(s)", nullptr, m_data.cards.badgeCount(column.id)));
        QString html = tableHtml(rows);
        const QList<BoardCard> toBuy = columns.isEmpty() ? QList<BoardCard>() : m_data.cards.cardsIn(columns.first().id);
        QStringList titles;
        for (const BoardCard &c : toBuy) {
            if (!c.done && titles.size() < 4)
                titles << c.title.toHtmlEscaped();
        }
        if (!titles.isEmpty())
            html += QStringLiteral("<p>") + tr("Next to buy: %1").arg(titles.join(QLatin1String(", "))) + QStringLiteral("</p>");
        m_detail->setText(html);
    }

private:
    HouseholdData &m_data;
    QLabel *m_detail;
};

} // namespace

BoardPage::BoardPage(HouseholdData &data, EditHistory &history, Confirmer &confirmer, QWidget *parent)
    : Page(parent)
    , m_data(data)
    , m_history(history)
    , m_confirmer(confirmer)
    , m_gate(new RoleGate(data, this))
    , m_subtitle(Theme::makeSubtitle(QString(), this))
    , m_conflicts(new QLabel(this))
    , m_addItem(Theme::makePrimaryButton(tr("Add item"), this))
    , m_addColumn(new QPushButton(tr("New column"), this))
    , m_clearDone(new QPushButton(tr("Clear done"), this))
    , m_compact(new QPushButton(tr("Compact"), this))
    , m_scroll(new QScrollArea(this))
    , m_columnsLayout(nullptr)
    , m_emptyBoard(new QWidget(this))
    , m_offer(new PurchaseOffer(data, history, PurchaseOffer::Size::Desktop, this))
{
    setObjectName(QStringLiteral("boardPage"));

    // Header: title and summary on the left, the page's actions on the right.
    auto *header = new QHBoxLayout;
    header->setContentsMargins(4 * Theme::kGrid, 3 * Theme::kGrid, 4 * Theme::kGrid, 2 * Theme::kGrid);
    header->setSpacing(Theme::kGrid);
    auto *titles = new QVBoxLayout;
    titles->setSpacing(Theme::kGrid / 2);
    titles->addWidget(Theme::makeTitle(tr("Shopping"), this));
    m_subtitle->setObjectName(QStringLiteral("subtitle"));
    titles->addWidget(m_subtitle);
    header->addLayout(titles, 1);

    m_addColumn->setObjectName(QStringLiteral("addColumn"));
    m_addColumn->setIcon(Theme::icon("list-add", "add"));
    m_addColumn->setToolTip(tr("Add a column to the board"));
    connect(m_addColumn, &QPushButton::clicked, this, &BoardPage::promptAddColumn);
    m_clearDone->setObjectName(QStringLiteral("clearDone"));
    m_clearDone->setIcon(Theme::icon("edit-clear-all", "clear"));
    m_clearDone->setToolTip(tr("Remove every card in the Done column from the board"));
    connect(m_clearDone, &QPushButton::clicked, this, [this] { clearDone(); });
    m_compact->setObjectName(QStringLiteral("compactCards"));
    m_compact->setCheckable(true);
    m_compact->setToolTip(tr("Show each card on one line, so more fit"));
    connect(m_compact, &QPushButton::clicked, this, [this](bool on) {
        m_compactChosen = true;
        setCompact(on);
    });
    m_addItem->setObjectName(QStringLiteral("addItem"));
    m_addItem->setToolTip(tr("Add an item with details (Ctrl+N)"));
    connect(m_addItem, &QPushButton::clicked, this, &BoardPage::addNew);
    m_compact->setMinimumHeight(m_addColumn->sizeHint().height()); // in line with its neighbours' icons
    for (QPushButton *button : {m_compact, m_addColumn, m_clearDone, m_addItem}) {
        button->setCursor(Qt::PointingHandCursor);
        header->addWidget(button, 0, Qt::AlignBottom);
    }

    // The board: columns side by side, scrolling sideways when there are many.
    auto *board = new QWidget(m_scroll);
    board->setObjectName(QStringLiteral("pageContent"));
    m_columnsLayout = new QHBoxLayout(board);
    m_columnsLayout->setContentsMargins(4 * Theme::kGrid, Theme::kGrid, 4 * Theme::kGrid, 3 * Theme::kGrid);
    m_columnsLayout->setSpacing(2 * Theme::kGrid);
    m_columnsLayout->addStretch(0);
    m_scroll->setObjectName(QStringLiteral("boardScroll"));
    m_scroll->setWidget(board);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_scroll->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    QScrollBar *sideways = m_scroll->horizontalScrollBar(); // styled before the scroll area had its name
    sideways->style()->unpolish(sideways);
    sideways->style()->polish(sideways);

    // No columns at all: say what to do.
    auto *emptyLayout = new QVBoxLayout(m_emptyBoard);
    emptyLayout->setContentsMargins(4 * Theme::kGrid, 4 * Theme::kGrid, 4 * Theme::kGrid, 4 * Theme::kGrid);
    auto *emptyText = new QLabel(m_emptyBoard);
    emptyText->setText(tr("The board has no columns yet — add one such as “To buy” to start the shopping list."));
    emptyText->setObjectName(QStringLiteral("emptyState"));
    emptyText->setAlignment(Qt::AlignCenter);
    emptyText->setWordWrap(true);
    auto *emptyButton = Theme::makePrimaryButton(tr("Add a column"), m_emptyBoard);
    connect(emptyButton, &QPushButton::clicked, this, &BoardPage::promptAddColumn);
    emptyLayout->addStretch(1);
    emptyLayout->addWidget(emptyText);
    emptyLayout->addWidget(emptyButton, 0, Qt::AlignHCenter);
    emptyLayout->addStretch(2);
    m_emptyText = emptyText;
    m_emptyButton = emptyButton;
    m_emptyBoard->hide();

    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->setSpacing(0);
    outer->addLayout(header);
    auto *offerRow = new QHBoxLayout;
    offerRow->setContentsMargins(4 * Theme::kGrid, 0, 4 * Theme::kGrid, Theme::kGrid);
    offerRow->addWidget(m_offer);
    outer->addLayout(offerRow);
    // Edits of this device that lost to someone else's: said once for the board, marked on each card.
    m_conflicts->setObjectName(QStringLiteral("conflictStrip"));
    m_conflicts->setWordWrap(true);
    m_conflicts->setContentsMargins(4 * Theme::kGrid, 0, 4 * Theme::kGrid, Theme::kGrid);
    m_conflicts->setStyleSheet(QStringLiteral("color: %1;").arg(Theme::warning().darker(140).name()));
    m_conflicts->hide();
    outer->addWidget(m_conflicts);
    connect(&m_data.conflicts, &ConflictLog::conflictsChanged, this, [this](Collection collection) {
        if (collection == Collection::BoardCards)
            refreshConflicts();
    });
    outer->addWidget(m_scroll, 1);
    outer->addWidget(m_emptyBoard, 1);

    const auto columnsChanged = [this] {
        syncColumns();
        refreshSummary();
    };
    connect(&m_data.columns, &QAbstractItemModel::rowsInserted, this, columnsChanged);
    connect(&m_data.columns, &QAbstractItemModel::rowsRemoved, this, columnsChanged);
    connect(&m_data.columns, &QAbstractItemModel::dataChanged, this, columnsChanged);
    connect(&m_data.columns, &QAbstractItemModel::modelReset, this, columnsChanged);
    connect(&m_data.columns, &QAbstractItemModel::layoutChanged, this, columnsChanged);
    connect(&m_data.cards, &QAbstractItemModel::rowsInserted, this, &BoardPage::refreshSummary);
    connect(&m_data.cards, &QAbstractItemModel::rowsRemoved, this, &BoardPage::refreshSummary);
    connect(&m_data.cards, &QAbstractItemModel::dataChanged, this, &BoardPage::refreshSummary);
    connect(&m_data.cards, &QAbstractItemModel::modelReset, this, &BoardPage::refreshSummary);
    connect(&m_data.members, &QAbstractItemModel::dataChanged, this, [this] {
        for (BoardColumnView *column : std::as_const(m_order))
            column->list()->viewport()->update();
    });

    connect(m_gate, &RoleGate::changed, this, &BoardPage::applyRole);

    syncColumns();
    refreshSummary();
}

bool BoardPage::mayShapeBoard() const
{
    return m_gate->mayCreate(m_data.columns);
}

bool BoardPage::mayDeleteCards() const
{
    return m_gate->mayDelete(m_data.cards);
}

void BoardPage::applyRole()
{
    // New columns and clearing ticked cards are offered only to a role that may do them.
    const bool hasColumns = !m_data.columns.ordered().isEmpty();
    m_addColumn->setVisible(hasColumns && mayShapeBoard()); // the empty state has its own button
    m_clearDone->setVisible(hasColumns && mayDeleteCards());
    m_emptyButton->setVisible(mayShapeBoard());
    m_emptyText->setText(mayShapeBoard()
                             ? tr("The board has no columns yet — add one such as “To buy” to start the shopping list.")
                             : tr("The board has no columns yet — ask an adult to add one such as “To buy”."));
}

void BoardPage::syncColumns()
{
    const QList<BoardColumn> ordered = m_data.columns.ordered();

    // Columns that are gone. Deleted later: the request may come from inside that column.
    QSet<QString> ids;
    for (const BoardColumn &c : ordered)
        ids.insert(c.id);
    for (auto it = m_columns.begin(); it != m_columns.end();) {
        if (ids.contains(it.key())) {
            ++it;
            continue;
        }
        BoardColumnView *gone = it.value();
        m_columnsLayout->removeWidget(gone);
        gone->hide();
        gone->deleteLater();
        it = m_columns.erase(it);
    }

    // New columns, and every column in its place.
    m_order.clear();
    for (int i = 0; i < ordered.size(); ++i) {
        const QString &id = ordered.at(i).id;
        BoardColumnView *column = m_columns.value(id);
        if (!column) {
            column = new BoardColumnView(m_data, m_history, m_confirmer, id, m_columnsLayout->parentWidget());
            connect(column, &BoardColumnView::cardMoved, this, &BoardPage::selectCard);
            connect(column, &BoardColumnView::cardRevealed, this, [this, column] {
                // Sideways too, unless someone is busy in another column (typing there, say).
                const BoardColumnView *busy = currentColumn();
                if (!QApplication::focusWidget() || !busy || busy == column || !busy->isAncestorOf(QApplication::focusWidget()))
                    m_scroll->ensureWidgetVisible(column, 0, 0);
            });
            column->setCompact(m_compact->isChecked());
            m_columns.insert(id, column);
        }
        if (m_columnsLayout->indexOf(column) != i) {
            m_columnsLayout->removeWidget(column);
            m_columnsLayout->insertWidget(i, column, 1, Qt::AlignTop);
        }
        column->show();
        column->refreshHeader();
        m_order.append(column);
    }

    // Keyboard order is reading order: the header's buttons left to right, then each column's
    // stops, the columns as they are on screen.
    QList<QWidget *> stops{m_compact, m_addColumn, m_clearDone, m_addItem};
    for (BoardColumnView *column : std::as_const(m_order))
        stops << column->tabStops();
    for (qsizetype i = 1; i < stops.size(); ++i)
        QWidget::setTabOrder(stops.at(i - 1), stops.at(i));

    m_scroll->setVisible(!ordered.isEmpty());
    m_emptyBoard->setVisible(ordered.isEmpty());
    m_addItem->setVisible(!ordered.isEmpty());
    applyRole();
}

void BoardPage::refreshSummary()
{
    const QList<BoardColumn> columns = m_data.columns.ordered();
    // One definition behind the subtitle, the badges and "Clear done" (BoardCardsModel::counts).
    const BoardCardsModel::Counts counts = m_data.cards.counts();
    const int done = counts.done;

    QString summary;
    if (columns.isEmpty()) {
        summary = tr("Add a column to start the shopping list.");
    } else if (m_data.cards.rowCount() == 0) {
        summary = tr("The list is empty — type what you need under “%1” and press Enter.").arg(columns.first().name);
    } else if (counts.toBuy + counts.inCart == 0) {
        summary = tr("Everything is bought — nice work!");
    } else {
        QStringList parts{tr("%n to buy", nullptr, counts.toBuy)};
        if (counts.inCart > 0)
            parts << tr("%n in the cart", nullptr, counts.inCart);
        if (done > 0)
            parts << tr("%n done", nullptr, done);
        summary = parts.join(QStringLiteral(" · "));
    }
    m_subtitle->setText(summary);
    m_clearDone->setEnabled(done > 0);
    m_clearDone->setText(done > 0 ? tr("Clear done (%1)").arg(done) : tr("Clear done"));
    // On an empty board the first column says how to start; otherwise empty columns take drops.
    const bool boardEmpty = m_data.cards.rowCount() == 0;
    for (BoardColumnView *column : std::as_const(m_order)) {
        column->refreshHeader();
        column->list()->setPlaceholderText(boardEmpty && column == m_order.first()
                                               ? tr("Nothing to buy yet.\nType an item below and press Enter.")
                                               : tr("Drop cards here"));
    }
}

void BoardPage::setCompact(bool compact)
{
    m_compact->setChecked(compact);
    for (BoardColumnView *column : std::as_const(m_order))
        column->setCompact(compact);
}

bool BoardPage::isCompact() const
{
    return m_compact->isChecked();
}

void BoardPage::resizeEvent(QResizeEvent *event)
{
    Page::resizeEvent(event);
    // Short or narrow (a kitchen tablet): one-line cards, so the columns and more cards fit.
    if (!m_compactChosen)
        setCompact(height() < 620 || width() < 880);
}

QString BoardPage::conflictText() const
{
    return m_conflicts->isHidden() ? QString() : m_conflicts->text();
}

void BoardPage::refreshConflicts()
{
    const int cards = m_data.conflicts.count(Collection::BoardCards);
    m_conflicts->setText(cards == 0 ? QString()
                                    : tr("%n card(s) changed by someone else at the same time as you; theirs was kept. "
                                         "Click the amber dot on a card to keep yours instead.", "", cards));
    m_conflicts->setVisible(cards > 0);
}

QString BoardPage::subtitleText() const
{
    return m_subtitle->text();
}

BoardColumnView *BoardPage::currentColumn() const
{
    for (QWidget *w = QApplication::focusWidget(); w; w = w->parentWidget()) {
        if (auto *column = qobject_cast<BoardColumnView *>(w); column && m_order.contains(column))
            return column;
    }
    return m_order.value(0);
}

void BoardPage::addNew()
{
    if (BoardColumnView *column = currentColumn())
        column->openAddDialog();
    else
        promptAddColumn();
}

void BoardPage::selectCard(const QString &cardId, const QString &columnId)
{
    if (BoardColumnView *column = columnView(columnId)) {
        column->selectCard(cardId);
        m_scroll->ensureWidgetVisible(column, 0, 0);
    }
}

int BoardPage::clearDone()
{
    // Done cards are the Done column's (a one-column board has only ticks).
    QList<BoardCard> done;
    for (const BoardColumn &column : m_data.columns.ordered()) {
        for (const BoardCard &card : m_data.cards.cardsIn(column.id)) {
            if (card.done)
                done.append(card);
        }
    }
    if (done.isEmpty() || !mayDeleteCards())
        return 0;
    const int count = int(done.size());
    if (!m_confirmer.confirm(this, tr("Clear done items"),
                             tr("Remove the %n done item(s) from the board? You can undo this.", nullptr, count),
                             tr("Clear")))
        return 0;
    int removed = 0;
    EditHistory::Group group(m_history, tr("Clear %n done item(s)", nullptr, count));
    for (const BoardCard &card : std::as_const(done)) {
        const MutationResult result =
            m_history.apply(m_data.cards, m_data.cards.removeMutation(card.id), tr("Delete %1").arg(card.title));
        removed += result.ok ? 1 : 0;
    }
    return removed;
}

bool BoardPage::addColumn(const QString &name)
{
    const QString trimmed = name.simplified();
    if (trimmed.isEmpty() || !mayShapeBoard())
        return false;
    const MutationResult result =
        m_history.apply(m_data.columns, m_data.columns.addMutation(trimmed), tr("Add column %1").arg(trimmed));
    if (!result.ok)
        return false;
    if (BoardColumnView *column = columnView(result.entityId)) {
        column->quickAdd()->setFocus(Qt::OtherFocusReason);
        m_scroll->ensureWidgetVisible(column, 0, 0);
    }
    return true;
}

void BoardPage::promptAddColumn()
{
    if (!mayShapeBoard())
        return;
    auto *dialog = new QInputDialog(this);
    dialog->setObjectName(QStringLiteral("addColumnDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("New column"));
    dialog->setLabelText(tr("Name of the new column:"));
    dialog->setOkButtonText(tr("Add column"));
    dialog->setInputMode(QInputDialog::TextInput);
    connect(dialog, &QInputDialog::textValueSelected, this, [this](const QString &name) { addColumn(name); });
    dialog->open();
}

PageRegistration BoardPage::registration()
{
    PageRegistration page{kId, QT_TRANSLATE_NOOP("Pages", "Shopping"), "view-list-details", "shopping",
            [](const PageContext &context, QWidget *parent) -> Page * { return new BoardPage(context.data, context.history, context.confirmer, parent); },
            [](const PageContext &context, QWidget *parent) -> DashboardCard * { return new ShoppingCard(context.data, parent); },
            QT_TRANSLATE_NOOP("Pages", "Shopping list")};
    page.collections = {Collection::BoardColumns, Collection::BoardCards};
    return page;
}

} // namespace hearth

#include "BoardPage.moc"
