#include "BoardColumnView.h"

#include "BoardModels.h"
#include "CardDelegate.h"
#include "CardDialog.h"
#include "ConflictMarker.h"
#include "Confirmer.h"
#include "EditHistory.h"
#include "HouseholdData.h"
#include "Proxies.h"
#include "RoleGate.h"
#include "Theme.h"

#include <QContextMenuEvent>
#include <QDrag>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMimeData>
#include <QPainter>
#include <QScrollBar>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace hearth {

namespace {

constexpr int kEmptyHeight = 10 * Theme::kGrid;
constexpr int kAutoScrollMargin = 3 * Theme::kGrid;

QColor mix(const QColor &a, const QColor &b, qreal amount)
{
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * amount),
                            float(a.greenF() + (b.greenF() - a.greenF()) * amount),
                            float(a.blueF() + (b.blueF() - a.blueF()) * amount));
}

Qt::KeyboardModifiers plainModifiers(const QKeyEvent *event)
{
    return event->modifiers() & ~Qt::KeypadModifier;
}

bool isArrow(int key)
{
    return key == Qt::Key_Left || key == Qt::Key_Right || key == Qt::Key_Up || key == Qt::Key_Down;
}

} // namespace

// ---------------------------------------------------------------------------------------------
// CardListView

CardListView::CardListView(QWidget *parent)
    : QListView(parent)
    , m_placeholder(tr("Drop cards here"))
{
    setObjectName(QStringLiteral("cardList"));
    setFrameShape(QFrame::NoFrame);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setDragEnabled(true);
    setAcceptDrops(true);
    viewport()->setAcceptDrops(true);
    setDragDropMode(QAbstractItemView::DragDrop);
    setDefaultDropAction(Qt::MoveAction);
    setDropIndicatorShown(false); // paintEvent draws a clearer one
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setResizeMode(QListView::Adjust);
    setUniformItemSizes(false);
    setMouseTracking(true);
    viewport()->setAttribute(Qt::WA_Hover);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Maximum);
}

void CardListView::setPlaceholderText(const QString &text)
{
    m_placeholder = text;
    viewport()->update();
}

QSize CardListView::sizeHint() const
{
    const int rows = model() ? model()->rowCount(rootIndex()) : 0;
    int height = 0;
    for (int row = 0; row < rows; ++row)
        height += std::max(0, sizeHintForRow(row));
    if (rows == 0)
        height = kEmptyHeight;
    return {30 * Theme::kGrid, height + 2 * frameWidth() + 2};
}

QSize CardListView::minimumSizeHint() const
{
    return {12 * Theme::kGrid, std::min(sizeHint().height(), kEmptyHeight + 2 * frameWidth())};
}

int CardListView::dropRowAt(const QPoint &pos) const
{
    const int rows = model() ? model()->rowCount(rootIndex()) : 0;
    const QModelIndex under = indexAt(pos);
    if (under.isValid())
        return pos.y() < visualRect(under).center().y() ? under.row() : under.row() + 1;
    // Between cards (in the gap) or past the last one: the first card whose middle is below.
    for (int row = 0; row < rows; ++row) {
        if (pos.y() < visualRect(model()->index(row, 0, rootIndex())).center().y())
            return row;
    }
    return rows;
}

void CardListView::setDropRow(int row)
{
    if (row == m_dropRow)
        return;
    m_dropRow = row;
    viewport()->update();
}

QModelIndex CardListView::checkBoxAt(const QPoint &pos) const
{
    const QModelIndex index = indexAt(pos);
    const auto *delegate = qobject_cast<const CardDelegate *>(itemDelegate());
    const bool compact = delegate && delegate->isCompact();
    if (index.isValid() && CardDelegate::checkBoxRect(visualRect(index), compact).adjusted(-4, -4, 4, 4).contains(pos))
        return index;
    return {};
}

bool CardListView::handlesKey(const QKeyEvent *event) const
{
    if (!currentIndex().isValid())
        return false;
    const Qt::KeyboardModifiers modifiers = plainModifiers(event);
    if (modifiers == Qt::ControlModifier)
        return isArrow(event->key());
    if (modifiers == Qt::NoModifier) {
        switch (event->key()) {
        case Qt::Key_Space:
        case Qt::Key_Return:
        case Qt::Key_Enter:
            return true;
        case Qt::Key_Delete:
            return m_deleteEnabled;
        }
    }
    return false;
}

bool CardListView::event(QEvent *event)
{
    // The window's shortcuts (Delete, …) must not take the keys a card list uses.
    if (event->type() == QEvent::ShortcutOverride && handlesKey(static_cast<QKeyEvent *>(event))) {
        event->accept();
        return true;
    }
    return QListView::event(event);
}

void CardListView::keyPressEvent(QKeyEvent *event)
{
    const QModelIndex index = currentIndex();
    if (!handlesKey(event)) {
        QListView::keyPressEvent(event);
        return;
    }
    event->accept();
    if (plainModifiers(event) == Qt::ControlModifier) {
        switch (event->key()) {
        case Qt::Key_Left: Q_EMIT moveRequested(index, -1, 0); break;
        case Qt::Key_Right: Q_EMIT moveRequested(index, 1, 0); break;
        case Qt::Key_Up: Q_EMIT moveRequested(index, 0, -1); break;
        case Qt::Key_Down: Q_EMIT moveRequested(index, 0, 1); break;
        }
        return;
    }
    switch (event->key()) {
    case Qt::Key_Space: Q_EMIT toggleRequested(index); break;
    case Qt::Key_Return:
    case Qt::Key_Enter: Q_EMIT editRequested(index); break;
    case Qt::Key_Delete: Q_EMIT deleteRequested(index); break;
    }
}

void CardListView::mousePressEvent(QMouseEvent *event)
{
    m_pressedCheckBox = event->button() == Qt::LeftButton ? checkBoxAt(event->position().toPoint()) : QModelIndex();
    QListView::mousePressEvent(event);
}

void CardListView::mouseReleaseEvent(QMouseEvent *event)
{
    const QPersistentModelIndex pressed = m_pressedCheckBox;
    m_pressedCheckBox = QModelIndex();
    QListView::mouseReleaseEvent(event);
    const QPoint pos = event->position().toPoint();
    if (event->button() == Qt::LeftButton && pressed.isValid() && checkBoxAt(pos) == pressed)
        Q_EMIT toggleRequested(pressed);
    else if (const QModelIndex marked = conflictMarkAt(pos); event->button() == Qt::LeftButton && marked.isValid())
        Q_EMIT conflictRequested(marked, viewport()->mapToGlobal(pos));
}

void CardListView::contextMenuEvent(QContextMenuEvent *event)
{
    const QModelIndex index = indexAt(event->pos());
    if (index.isValid() && !conflictmarker::conflictsAt(index).isEmpty()) {
        Q_EMIT conflictRequested(index, event->globalPos());
        event->accept();
        return;
    }
    QListView::contextMenuEvent(event);
}

QModelIndex CardListView::conflictMarkAt(const QPoint &pos) const
{
    const QModelIndex index = indexAt(pos);
    if (!index.isValid() || conflictmarker::conflictsAt(index).isEmpty())
        return {};
    return CardDelegate::conflictRect(visualRect(index)).contains(pos) ? index : QModelIndex();
}

void CardListView::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    const QPoint pos = event->position().toPoint();
    // A quick second click on the tick box ticks again; anywhere else on a card opens it.
    if (const QModelIndex box = checkBoxAt(pos); box.isValid()) {
        m_pressedCheckBox = box;
        return;
    }
    const QModelIndex index = indexAt(pos);
    if (index.isValid())
        Q_EMIT editRequested(index);
}

void CardListView::startDrag(Qt::DropActions)
{
    const QModelIndex index = currentIndex();
    if (!index.isValid() || !model())
        return;
    QMimeData *mime = model()->mimeData({index});
    if (!mime)
        return;
    auto *drag = new QDrag(this);
    drag->setMimeData(mime);

    // The card itself follows the pointer.
    const QRect rect = visualRect(index);
    const qreal ratio = devicePixelRatioF();
    QPixmap pixmap(rect.size() * ratio);
    pixmap.setDevicePixelRatio(ratio);
    pixmap.fill(Qt::transparent);
    {
        QPainter painter(&pixmap);
        QStyleOptionViewItem option;
        initViewItemOption(&option);
        option.rect = QRect(QPoint(0, 0), rect.size());
        option.state |= QStyle::State_MouseOver;
        itemDelegateForIndex(index)->paint(&painter, option, index);
    }
    drag->setPixmap(pixmap);
    drag->setHotSpot(viewport()->mapFromGlobal(QCursor::pos()) - rect.topLeft());
    drag->exec(Qt::MoveAction, Qt::MoveAction);
}

void CardListView::dragEnterEvent(QDragEnterEvent *event)
{
    if (!event->mimeData()->hasFormat(BoardCardsModel::mimeType())) {
        event->ignore();
        return;
    }
    event->setDropAction(Qt::MoveAction);
    event->accept();
    setDropRow(dropRowAt(event->position().toPoint()));
}

void CardListView::dragMoveEvent(QDragMoveEvent *event)
{
    if (!event->mimeData()->hasFormat(BoardCardsModel::mimeType())) {
        event->ignore();
        return;
    }
    const QPoint pos = event->position().toPoint();
    // Scroll a long column while a card hovers near its top or bottom edge.
    if (pos.y() < kAutoScrollMargin)
        verticalScrollBar()->setValue(verticalScrollBar()->value() - Theme::kGrid);
    else if (pos.y() > viewport()->height() - kAutoScrollMargin)
        verticalScrollBar()->setValue(verticalScrollBar()->value() + Theme::kGrid);
    event->setDropAction(Qt::MoveAction);
    event->accept();
    setDropRow(dropRowAt(pos));
}

void CardListView::dragLeaveEvent(QDragLeaveEvent *event)
{
    setDropRow(-1);
    event->accept();
}

void CardListView::dropEvent(QDropEvent *event)
{
    setDropRow(-1);
    if (!event->mimeData() || !event->mimeData()->hasFormat(BoardCardsModel::mimeType())) {
        event->ignore();
        return;
    }
    const QString cardId = QString::fromUtf8(event->mimeData()->data(BoardCardsModel::mimeType()));
    const int row = dropRowAt(event->position().toPoint());
    event->setDropAction(Qt::MoveAction);
    event->accept();
    Q_EMIT cardDropped(cardId, row);
}

void CardListView::focusInEvent(QFocusEvent *event)
{
    QListView::focusInEvent(event);
    viewport()->update();
}

void CardListView::focusOutEvent(QFocusEvent *event)
{
    QListView::focusOutEvent(event);
    viewport()->update();
}

void CardListView::paintEvent(QPaintEvent *event)
{
    QListView::paintEvent(event);
    const int rows = model() ? model()->rowCount(rootIndex()) : 0;
    if (rows > 0 && m_dropRow < 0)
        return;

    QPainter painter(viewport());
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette colors = parentWidget() ? parentWidget()->palette() : palette();
    const QColor window = colors.color(QPalette::Window);
    const QColor text = colors.color(QPalette::WindowText);

    if (rows == 0) {
        // An empty column still shows where cards go.
        const QRectF area = QRectF(viewport()->rect()).adjusted(2.5, 1.5, -2.5, -1.5);
        const bool target = m_dropRow >= 0;
        painter.setPen(QPen(target ? Theme::accent() : mix(window, text, 0.25), 1.2, Qt::DashLine));
        painter.setBrush(target ? QColor(Theme::accent().red(), Theme::accent().green(), Theme::accent().blue(), 20)
                                : QColor(Qt::transparent));
        painter.drawRoundedRect(area, 10, 10);
        painter.setPen(target ? Theme::accent() : mix(window, text, 0.5));
        painter.drawText(area, Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
        return;
    }

    // Where the dragged card will land: an accent line in the gap between two cards.
    int y = 0;
    if (m_dropRow < rows) {
        const QRect rect = visualRect(model()->index(m_dropRow, 0, rootIndex()));
        y = m_dropRow == 0 ? rect.top() + 1 : rect.top() - CardDelegate::kGap / 2;
    } else {
        const QRect rect = visualRect(model()->index(rows - 1, 0, rootIndex()));
        y = rect.bottom() - CardDelegate::kGap / 2 + 1;
    }
    painter.setPen(QPen(Theme::accent(), 3, Qt::SolidLine, Qt::RoundCap));
    painter.drawLine(QPointF(8, y), QPointF(viewport()->width() - 4, y));
    painter.setBrush(colors.color(QPalette::Base));
    painter.setPen(QPen(Theme::accent(), 2));
    painter.drawEllipse(QPointF(6, y), 4, 4);
}

// ---------------------------------------------------------------------------------------------
// BoardColumnView

BoardColumnView::BoardColumnView(HouseholdData &data, EditHistory &history, Confirmer &confirmer, const QString &columnId,
                                 QWidget *parent)
    : QFrame(parent)
    , m_data(data)
    , m_history(history)
    , m_confirmer(confirmer)
    , m_columnId(columnId)
    , m_proxy(new ColumnCardsProxy(columnId, this))
    , m_delegate(new CardDelegate(data.members, this))
    , m_name(new QLabel(this))
    , m_nameEdit(new QLineEdit(this))
    , m_count(new QLabel(this))
    , m_addButton(new QToolButton(this))
    , m_menuButton(new QToolButton(this))
    , m_menu(new QMenu(this))
    , m_list(new CardListView(this))
    , m_quickAdd(new QLineEdit(this))
    , m_error(new QLabel(this))
    , m_highlightTimer(new QTimer(this))
    , m_gate(new RoleGate(data, this))
{
    setObjectName(QStringLiteral("boardColumn"));
    setFrameShape(QFrame::NoFrame);
    setMinimumWidth(32 * Theme::kGrid);
    setMaximumWidth(46 * Theme::kGrid);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Maximum);

    m_proxy->setSourceModel(&m_data.cards);
    m_list->setModel(m_proxy);
    m_list->setItemDelegate(m_delegate);

    m_name->setObjectName(QStringLiteral("columnTitle"));
    m_name->setTextInteractionFlags(Qt::NoTextInteraction);
    m_name->setToolTip(tr("Double-click to rename"));
    m_name->installEventFilter(this);
    m_nameEdit->setObjectName(QStringLiteral("columnNameEdit"));
    m_nameEdit->setMaxLength(60);
    m_nameEdit->hide();
    m_nameEdit->installEventFilter(this);
    connect(m_nameEdit, &QLineEdit::editingFinished, this, [this] { finishRename(true); });
    m_count->setObjectName(QStringLiteral("countBadge"));
    m_count->setAlignment(Qt::AlignCenter);
    m_count->setFixedHeight(20);
    m_count->setMinimumWidth(20);

    m_addButton->setObjectName(QStringLiteral("columnAdd"));
    m_addButton->setIcon(Theme::icon("list-add", "add"));
    m_addButton->setToolTip(tr("Add with details…"));
    m_addButton->setAccessibleName(tr("Add with details"));
    m_addButton->setAutoRaise(true);
    connect(m_addButton, &QToolButton::clicked, this, &BoardColumnView::openAddDialog);

    m_menuButton->setObjectName(QStringLiteral("columnMenu"));
    m_menuButton->setText(QStringLiteral("\u22EF"));
    m_menuButton->setToolTip(tr("Column actions"));
    m_menuButton->setAccessibleName(tr("Column actions"));
    m_menuButton->setAutoRaise(true);
    m_menuButton->setPopupMode(QToolButton::InstantPopup);
    m_menuButton->setMenu(m_menu);
    buildMenu();

    auto *header = new QHBoxLayout;
    header->setContentsMargins(4, 0, 0, 0);
    header->setSpacing(Theme::kGrid);
    header->addWidget(m_name);
    header->addWidget(m_nameEdit, 1);
    header->addWidget(m_count, 0, Qt::AlignVCenter);
    header->addStretch(1);
    header->addWidget(m_addButton);
    header->addWidget(m_menuButton);

    m_quickAdd->setObjectName(QStringLiteral("quickAdd"));
    m_quickAdd->setPlaceholderText(tr("+ Add an item"));
    m_quickAdd->setClearButtonEnabled(false);
    m_quickAdd->setMaxLength(200);
    connect(m_quickAdd, &QLineEdit::returnPressed, this, [this] {
        if (addCard(m_quickAdd->text())) {
            m_quickAdd->clear();
            m_list->scrollToBottom();
        }
    });

    m_error->setObjectName(QStringLiteral("fieldError"));
    m_error->setWordWrap(true);
    m_error->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(Theme::kGrid + 4, Theme::kGrid + 4, Theme::kGrid + 4, Theme::kGrid + 4);
    layout->setSpacing(Theme::kGrid);
    layout->addLayout(header);
    layout->addWidget(m_list);
    layout->addWidget(m_quickAdd);
    layout->addWidget(m_error);

    connect(m_list, &CardListView::cardDropped, this, [this](const QString &cardId, int row) { dropCard(cardId, row); });
    connect(m_list, &CardListView::toggleRequested, this, [this](const QModelIndex &index) { toggleCard(index); });
    connect(m_list, &CardListView::editRequested, this, &BoardColumnView::openEditDialog);
    connect(m_list, &CardListView::conflictRequested, this, &BoardColumnView::openConflictMenu);
    connect(m_list, &CardListView::deleteRequested, this, [this](const QModelIndex &index) { deleteCard(index); });
    connect(m_list, &CardListView::moveRequested, this,
            [this](const QModelIndex &index, int columnStep, int rowStep) { moveCard(index, columnStep, rowStep); });

    // The list is as tall as its cards (up to the room the page has), so the quick-add line sits
    // right under the last card.
    const auto relayout = [this] {
        m_list->updateGeometry();
        m_list->viewport()->update();
    };
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, relayout);
    // A card that arrives (typed here, from another device, moved in) is shown, wherever it landed.
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &, int first, int) {
        revealCard(cardIdAt(first));
    });
    m_highlightTimer->setSingleShot(true);
    m_highlightTimer->setInterval(kHighlightMs);
    connect(m_highlightTimer, &QTimer::timeout, this, [this] {
        m_delegate->setHighlightedCard(QString());
        m_list->viewport()->update();
    });
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, relayout);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, relayout);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, relayout);
    connect(m_proxy, &QAbstractItemModel::dataChanged, this, [this, relayout] {
        m_list->doItemsLayout(); // a card that gained a note grows
        relayout();
    });

    // The list's scroll bars took their style before the list and this column had their object
    // names, which the style sheet's thin-scroll-bar rules match on; style them again.
    const QList<QWidget *> bars = {m_list->verticalScrollBar(), m_list->horizontalScrollBar()};
    for (QWidget *bar : bars) {
        bar->style()->unpolish(bar);
        bar->style()->polish(bar);
    }

    connect(m_gate, &RoleGate::changed, this, &BoardColumnView::applyRole);
    applyRole();
    refreshHeader();
}

QString BoardColumnView::name() const
{
    const auto column = m_data.columns.find(m_columnId);
    return column ? column->name : QString();
}

QList<QWidget *> BoardColumnView::tabStops() const
{
    return {m_addButton, m_menuButton, m_list, m_quickAdd};
}

QString BoardColumnView::countText() const
{
    return m_count->text();
}

QString BoardColumnView::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

QMenu *BoardColumnView::conflictMenu(const QModelIndex &index)
{
    delete m_conflictMenu;
    m_conflictMenu = new QMenu(this);
    m_conflictMenu->setObjectName(QStringLiteral("conflictMenu"));
    const QString cardId = index.data(BoardCardsModel::IdRole).toString();
    // A column by its name, a tick as done or not: what the member sees on the board.
    const auto valueText = [this](const QString &field, const QVariant &value) {
        if (field == QLatin1String("column_id")) {
            const auto column = m_data.columns.find(value.toString());
            return column ? column->name : tr("another column");
        }
        if (value.typeId() == QMetaType::Bool)
            return value.toBool() ? tr("bought") : tr("not bought");
        return value.toString();
    };
    conflictmarker::addActions(m_conflictMenu, m_data.cards, cardId, valueText,
                               [this](const MutationResult &result) { showError(result.ok ? QString() : result.error.message); });
    return m_conflictMenu;
}

void BoardColumnView::openConflictMenu(const QModelIndex &index, const QPoint &globalPos)
{
    QMenu *menu = conflictMenu(index);
    if (!menu->isEmpty())
        menu->popup(globalPos);
}

void BoardColumnView::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

void BoardColumnView::refreshHeader()
{
    const QString columnName = name();
    if (columnName.isEmpty())
        return; // the column is being removed
    m_name->setText(columnName);
    // The same count as the page's subtitle: every card in Done, the open ones elsewhere.
    const int count = m_data.cards.badgeCount(m_columnId);
    const int total = int(m_data.cards.cardsIn(m_columnId).size());
    const bool isDone = m_columnId == m_data.columns.doneColumnId();
    m_count->setText(QString::number(count));
    m_count->setVisible(count > 0);
    m_count->setToolTip(isDone ? tr("%n done", nullptr, count) : tr("%n to get", nullptr, count));
    setAccessibleName(columnName);
    m_list->setAccessibleName(tr("%1: %2").arg(columnName, tr("%n card(s)", nullptr, total)));
    m_quickAdd->setAccessibleName(tr("Add an item to %1").arg(columnName));
}

void BoardColumnView::buildMenu()
{
    m_menu->addAction(Theme::icon("list-add", "add"), tr("Add with details…"), this, &BoardColumnView::openAddDialog);
    m_columnActions << m_menu->addAction(Theme::icon("edit-rename", "edit"), tr("Rename"), this, &BoardColumnView::startRename);
    m_columnActions << m_menu->addSeparator();
    m_moveLeft = m_menu->addAction(Theme::icon("go-previous", "previous"), tr("Move left"), this, [this] { moveColumnBy(-1); });
    m_moveRight = m_menu->addAction(Theme::icon("go-next", "next"), tr("Move right"), this, [this] { moveColumnBy(1); });
    m_columnActions << m_moveLeft << m_moveRight << m_menu->addSeparator();
    m_columnActions << m_menu->addAction(Theme::icon("edit-delete", "delete"), tr("Delete column…"), this,
                                         &BoardColumnView::deleteColumn);
    connect(m_menu, &QMenu::aboutToShow, this, [this] {
        m_moveLeft->setEnabled(!neighbourColumn(-1).isEmpty());
        m_moveRight->setEnabled(!neighbourColumn(1).isEmpty());
    });
}

void BoardColumnView::applyRole()
{
    // Reshaping the board (rename, move, delete a column) and deleting cards: only for a role that may.
    const bool shape = m_gate->mayUpdate(m_data.columns);
    for (QAction *action : std::as_const(m_columnActions))
        action->setVisible(shape);
    m_name->setToolTip(shape ? tr("Double-click to rename") : QString());
    m_menuButton->setVisible(shape); // what is left in the menu is the "+" button's
    if (!shape)
        finishRename(false);
    m_list->setDeleteEnabled(m_gate->mayDelete(m_data.cards));
}

QString BoardColumnView::cardIdAt(int row) const
{
    return m_proxy->index(row, 0).data(BoardCardsModel::IdRole).toString();
}

int BoardColumnView::rowOfCard(const QString &cardId) const
{
    const int sourceRow = m_data.cards.rowOf(cardId);
    if (sourceRow < 0)
        return -1;
    return m_proxy->mapFromSource(m_data.cards.index(sourceRow, 0)).row();
}

void BoardColumnView::selectCard(const QString &cardId)
{
    const int row = rowOfCard(cardId);
    if (row < 0)
        return;
    const QModelIndex index = m_proxy->index(row, 0);
    m_list->setFocus(Qt::OtherFocusReason);
    m_list->setCurrentIndex(index);
    m_list->scrollTo(index);
}

void BoardColumnView::revealCard(const QString &cardId)
{
    const int row = rowOfCard(cardId);
    if (row < 0)
        return;
    m_list->doItemsLayout(); // the new row's place is known before the next paint
    m_list->scrollTo(m_proxy->index(row, 0), QAbstractItemView::EnsureVisible);
    m_delegate->setHighlightedCard(cardId);
    m_highlightTimer->start();
    m_list->viewport()->update();
    Q_EMIT cardRevealed(cardId);
}

QString BoardColumnView::highlightedCardId() const
{
    return m_delegate->highlightedCard();
}

void BoardColumnView::setCompact(bool compact)
{
    if (compact == m_delegate->isCompact())
        return;
    m_delegate->setCompact(compact);
    setMinimumWidth((compact ? 26 : 32) * Theme::kGrid);
    m_list->doItemsLayout(); // every card changes height
    m_list->updateGeometry();
    m_list->viewport()->update();
}

bool BoardColumnView::isCompact() const
{
    return m_delegate->isCompact();
}

QString BoardColumnView::neighbourColumn(int step) const
{
    const QList<BoardColumn> columns = m_data.columns.ordered();
    for (int i = 0; i < columns.size(); ++i) {
        if (columns.at(i).id == m_columnId) {
            const int to = i + step;
            return to >= 0 && to < columns.size() ? columns.at(to).id : QString();
        }
    }
    return {};
}

MutationResult BoardColumnView::appendCard(BoardCard card)
{
    return m_history.apply(m_data.cards, m_data.cards.addMutation(m_columnId, card), tr("Add %1").arg(card.title));
}

QStringList BoardColumnView::knownCategories() const
{
    QStringList categories;
    for (const BoardCard &c : m_data.cards.records()) {
        if (!c.category.isEmpty() && !categories.contains(c.category))
            categories << c.category;
    }
    categories.sort(Qt::CaseInsensitive);
    return categories;
}

bool BoardColumnView::addCard(const QString &title)
{
    BoardCard card;
    card.title = title.simplified();
    if (card.title.isEmpty())
        return false;
    const MutationResult result = appendCard(card);
    showError(result.ok ? QString() : result.error.message);
    return result.ok;
}

void BoardColumnView::openAddDialog()
{
    auto *dialog = new CardDialog(
        m_data.members, knownCategories(), [this](const BoardCard &typed) { return appendCard(typed); }, this);
    dialog->setObjectName(QStringLiteral("cardDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setPantry(m_data.pantry);
    dialog->setWindowTitle(tr("Add to “%1”").arg(name())); // the heading says what; the title bar where
    dialog->open();
}

void BoardColumnView::openEditDialog(const QModelIndex &index)
{
    const QString id = index.data(BoardCardsModel::IdRole).toString();
    const auto card = m_data.cards.find(id);
    if (!card)
        return;
    auto *dialog = new CardDialog(
        m_data.members, knownCategories(),
        [this, id](const BoardCard &typed) {
            const auto current = m_data.cards.find(id);
            if (!current)
                return MutationResult::failure(QStringLiteral("not_found"), tr("That item is gone; someone may have deleted it."));
            const Mutation edit = m_data.cards.editMutation(*current, typed);
            if (edit.fields.isEmpty()) {
                MutationResult unchanged;
                unchanged.ok = true;
                unchanged.entityId = id;
                return unchanged;
            }
            return m_history.apply(m_data.cards, edit, tr("Edit %1").arg(typed.title));
        },
        this);
    dialog->setObjectName(QStringLiteral("cardDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setPantry(m_data.pantry);
    dialog->setCard(*card);
    dialog->open();
}

bool BoardColumnView::toggleCard(const QModelIndex &index)
{
    const QString id = index.data(BoardCardsModel::IdRole).toString();
    const auto card = m_data.cards.find(id);
    if (!card)
        return false;
    const MutationResult result = m_history.apply(
        m_data.cards, m_data.cards.doneMutation(id, !card->done),
        card->done ? tr("Untick %1").arg(card->title) : tr("Tick %1").arg(card->title));
    showError(result.ok ? QString() : result.error.message);
    return result.ok;
}

bool BoardColumnView::deleteCard(const QModelIndex &index)
{
    const QString id = index.data(BoardCardsModel::IdRole).toString();
    const auto card = m_data.cards.find(id);
    if (!card || !m_gate->mayDelete(m_data.cards))
        return false;
    const int row = index.row();
    const bool hadFocus = m_list->hasFocus();
    const MutationResult result = m_history.apply(
        m_data.cards, m_data.cards.removeMutation(id), tr("Delete %1").arg(card->title));
    showError(result.ok ? QString() : result.error.message);
    if (result.ok && hadFocus && m_proxy->rowCount() > 0) // keep going with the keyboard
        m_list->setCurrentIndex(m_proxy->index(std::min(row, m_proxy->rowCount() - 1), 0));
    return result.ok;
}

bool BoardColumnView::dropCard(const QString &cardId, int row)
{
    const auto card = m_data.cards.find(cardId);
    if (!card)
        return false;
    int index = row;
    const bool sameColumn = card->columnId == m_columnId;
    if (sameColumn) {
        // Slots count the card itself; dropping it right above or below itself changes nothing.
        const int current = rowOfCard(cardId);
        if (row == current || row == current + 1)
            return false;
        if (row > current)
            --index;
    }
    const MutationResult result = m_history.apply(m_data.cards, m_data.cards.moveMutation(cardId, m_columnId, index),
                                                  sameColumn ? tr("Move %1").arg(card->title)
                                                             : tr("Move %1 to %2").arg(card->title, name()));
    showError(result.ok ? QString() : result.error.message);
    if (result.ok)
        Q_EMIT cardMoved(cardId, m_columnId);
    return result.ok;
}

bool BoardColumnView::moveCard(const QModelIndex &index, int columnStep, int rowStep)
{
    const QString id = index.data(BoardCardsModel::IdRole).toString();
    const auto card = m_data.cards.find(id);
    if (!card)
        return false;
    QString toColumn = m_columnId;
    int toIndex = index.row() + rowStep;
    if (columnStep != 0) {
        toColumn = neighbourColumn(columnStep);
        if (toColumn.isEmpty())
            return false;
        // Across, at the same height (or at the end of a shorter column).
        toIndex = std::min(index.row(), int(m_data.cards.cardsIn(toColumn).size()));
    } else if (toIndex < 0 || toIndex >= m_proxy->rowCount()) {
        return false;
    }
    const auto target = m_data.columns.find(toColumn);
    const QString text = toColumn == m_columnId ? tr("Move %1").arg(card->title)
                                                : tr("Move %1 to %2").arg(card->title, target ? target->name : QString());
    const MutationResult result = m_history.apply(m_data.cards, m_data.cards.moveMutation(id, toColumn, toIndex), text);
    showError(result.ok ? QString() : result.error.message);
    if (result.ok)
        Q_EMIT cardMoved(id, toColumn);
    return result.ok;
}

void BoardColumnView::startRename()
{
    if (!m_gate->mayUpdate(m_data.columns))
        return;
    m_nameEdit->setText(name());
    m_name->hide();
    m_nameEdit->show();
    m_nameEdit->setFocus(Qt::OtherFocusReason);
    m_nameEdit->selectAll();
}

void BoardColumnView::finishRename(bool commit)
{
    if (m_nameEdit->isHidden())
        return;
    const QString typed = m_nameEdit->text();
    m_nameEdit->hide();
    m_name->show();
    if (commit && !typed.trimmed().isEmpty())
        rename(typed);
}

bool BoardColumnView::rename(const QString &newName)
{
    const QString trimmed = newName.simplified();
    if (trimmed.isEmpty()) {
        showError(tr("Give the column a name."));
        return false;
    }
    if (trimmed == name())
        return true;
    const MutationResult result = m_history.apply(m_data.columns, m_data.columns.renameMutation(m_columnId, trimmed),
                                                  tr("Rename column %1").arg(trimmed));
    showError(result.ok ? QString() : result.error.message);
    return result.ok;
}

bool BoardColumnView::moveColumnBy(int step)
{
    const QList<BoardColumn> ordered = m_data.columns.ordered();
    int from = -1;
    for (int i = 0; i < ordered.size(); ++i) {
        if (ordered.at(i).id == m_columnId)
            from = i;
    }
    const int to = from + step;
    if (from < 0 || to < 0 || to >= ordered.size())
        return false;
    const MutationResult result = m_history.apply(m_data.columns, m_data.columns.moveMutation(m_columnId, to),
                                                  tr("Move column %1").arg(name()));
    showError(result.ok ? QString() : result.error.message);
    return result.ok;
}

bool BoardColumnView::deleteColumn()
{
    if (!m_gate->mayDelete(m_data.columns))
        return false;
    const QString columnName = name();
    const QList<BoardCard> cards = m_data.cards.cardsIn(m_columnId);
    const QString question = cards.isEmpty()
        ? tr("Delete the column “%1”?").arg(columnName)
        : tr("Delete the column “%1” and the %n card(s) in it?", nullptr, int(cards.size())).arg(columnName);
    if (!m_confirmer.confirm(this, tr("Delete column"), question + QLatin1Char(' ') + tr("You can undo this."), tr("Delete")))
        return false;
    // The engine keeps a column while it has cards: delete them first, all as one undo step.
    EditHistory::Group group(m_history, tr("Delete column %1").arg(columnName));
    for (const BoardCard &card : cards) {
        const MutationResult result = m_history.apply(
            m_data.cards, m_data.cards.removeMutation(card.id), tr("Delete %1").arg(card.title));
        if (!result.ok) {
            showError(result.error.message);
            return false;
        }
    }
    const MutationResult result = m_history.apply(
        m_data.columns, m_data.columns.removeMutation(m_columnId), tr("Delete column %1").arg(columnName));
    showError(result.ok ? QString() : result.error.message);
    return result.ok;
}

bool BoardColumnView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_name && event->type() == QEvent::MouseButtonDblClick) {
        startRename();
        return true;
    }
    if (watched == m_nameEdit && event->type() == QEvent::KeyPress
        && static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape) {
        finishRename(false);
        m_list->setFocus(Qt::OtherFocusReason);
        return true;
    }
    return QFrame::eventFilter(watched, event);
}

void BoardColumnView::paintEvent(QPaintEvent *)
{
    // A soft panel a shade off the page, so the white cards stand out (darker in a dark palette).
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QColor window = palette().color(QPalette::Window);
    const QColor fill = Theme::isDark(this) ? window.darker(125) : mix(window, palette().color(QPalette::WindowText), 0.05);
    painter.setPen(Qt::NoPen);
    painter.setBrush(fill);
    painter.drawRoundedRect(QRectF(rect()), 14, 14);
}

} // namespace hearth
