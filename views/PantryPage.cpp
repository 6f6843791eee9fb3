#include "PantryPage.h"

#include "Clock.h"
#include "Confirmer.h"
#include "DashboardCard.h"
#include "Dates.h"
#include "EditHistory.h"
#include "HouseholdData.h"
#include "PantryDelegate.h"
#include "PantryItemDialog.h"
#include "Proxies.h"
#include "Theme.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPainter>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace hearth {

namespace {

constexpr int kControlHeight = 4 * Theme::kGrid + 4;

// The look of the page's own controls: quiet outlined fields and buttons that line up with the
// table, the accent on focus and on a switched-on filter.
QString pageStyleSheet()
{
    QColor tint = Theme::accent();
    tint.setAlphaF(0.12f);
    QString sheet = QStringLiteral(R"(
        QLineEdit#pantrySearch, QComboBox#categoryFilter {
            border: 1px solid palette(mid); border-radius: 8px; padding: 0 8px; background: palette(base);
        }
        QLineEdit#pantrySearch:focus, QComboBox#categoryFilter:focus { border: 2px solid @accent; padding: 0 7px; }
        QComboBox#categoryFilter { padding-right: 28px; }
        QComboBox#categoryFilter::drop-down { border: none; width: 24px; }
        QComboBox#categoryFilter::down-arrow { image: none; width: 0; height: 0; }
        QPushButton#filterChip {
            border: 1px solid palette(mid); border-radius: @chipRadius; padding: 0 14px; background: palette(base);
        }
        QPushButton#filterChip:checked {
            border: 2px solid @accent; padding: 0 13px; background: @tint; font-weight: 600;
        }
        QPushButton#toolbarButton {
            border: 1px solid palette(mid); border-radius: 8px; padding: 0 12px; background: palette(base);
        }
        QPushButton#toolbarButton:disabled { color: palette(mid); border-color: palette(midlight); }
        QPushButton#filterChip:hover, QPushButton#toolbarButton:hover { border-color: @accent; }
        QPushButton#filterChip:focus, QPushButton#toolbarButton:focus { border: 2px solid @accent; }
        QPushButton#primary { min-height: @controlHeight; padding: 0 18px; }
        QTableView#pantryTable QScrollBar:vertical { background: transparent; width: 12px; margin: 6px 3px 6px 0; }
        QTableView#pantryTable QScrollBar:horizontal { background: transparent; height: 12px; margin: 0 6px 3px 6px; }
        QTableView#pantryTable QScrollBar::handle { background: palette(mid); border-radius: 4px; }
        QTableView#pantryTable QScrollBar::handle:vertical { min-height: 40px; }
        QTableView#pantryTable QScrollBar::handle:horizontal { min-width: 40px; }
        QTableView#pantryTable QScrollBar::add-line, QTableView#pantryTable QScrollBar::sub-line {
            width: 0; height: 0;
        }
        QTableView#pantryTable QScrollBar::add-page, QTableView#pantryTable QScrollBar::sub-page {
            background: none;
        }
    )");
    sheet.replace(QLatin1String("@accent"), Theme::accent().name());
    sheet.replace(QLatin1String("@tint"), tint.name(QColor::HexArgb));
    sheet.replace(QLatin1String("@chipRadius"), QStringLiteral("%1px").arg(kControlHeight / 2));
    sheet.replace(QLatin1String("@controlHeight"), QStringLiteral("%1px").arg(kControlHeight));
    return sheet;
}

// A combo box in the page's outlined style; draws its own chevron, which the style sheet cannot.
class FilterCombo final : public QComboBox
{
public:
    using QComboBox::QComboBox;

protected:
    void paintEvent(QPaintEvent *event) override
    {
        QComboBox::paintEvent(event);
        QPainter painter(this);
        painter.setRenderHint(QPainter::Antialiasing);
        QPen pen(isEnabled() ? palette().color(QPalette::Text) : palette().color(QPalette::Mid), 1.6);
        pen.setCapStyle(Qt::RoundCap);
        pen.setJoinStyle(Qt::RoundJoin);
        painter.setPen(pen);
        const QPointF c(width() - 2 * Theme::kGrid, height() / 2.0 + 1);
        painter.drawPolyline(QPolygonF{{c.x() - 4, c.y() - 2}, {c.x(), c.y() + 2}, {c.x() + 4, c.y() - 2}});
    }
};

QIcon dotIcon(const QColor &color)
{
    QPixmap pixmap(20, 20);
    pixmap.setDevicePixelRatio(2);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    painter.drawEllipse(QRectF(1, 1, 8, 8));
    return QIcon(pixmap);
}

QPushButton *makeToolbarButton(const QIcon &icon, const QString &text, const QString &tip, QWidget *parent)
{
    auto *button = new QPushButton(icon, text, parent);
    button->setObjectName(QStringLiteral("toolbarButton"));
    button->setToolTip(tip);
    button->setAccessibleName(text.isEmpty() ? tip : text);
    button->setMinimumHeight(kControlHeight);
    if (text.isEmpty())
        button->setFixedWidth(kControlHeight);
    button->setCursor(Qt::PointingHandCursor);
    return button;
}

// The pantry on the dashboard: how much is in it and what to use soon.
class PantryCard final : public DashboardCard
{
    Q_OBJECT

public:
    PantryCard(HouseholdData &data, QWidget *parent)
        : DashboardCard(parent)
        , m_data(data)
        , m_headline(new QLabel(this))
        , m_detail(new QLabel(this))
    {
        m_headline->setObjectName(QStringLiteral("headline"));
        m_detail->setTextFormat(Qt::RichText);
        m_detail->setWordWrap(true);
        body()->addWidget(m_headline);
        body()->addWidget(m_detail);
        body()->addStretch(1);
        follow(m_data.pantry);
        refresh();
    }

    QString text() const override { return m_headline->text() + QLatin1Char('\n') + m_detail->text(); }

protected:
    void refresh() override
    {
        const int count = m_data.pantry.rowCount();
        if (count == 0) {
            m_headline->setText(tr("Empty"));
            m_detail->setText(tr("Nothing in the pantry yet — add what you bought."));
            return;
        }
        m_headline->setText(tr("%n item(s)", nullptr, count));
        const QList<PantryItem> soon = m_data.pantry.expiringSoon();
        if (soon.isEmpty()) {
            m_detail->setText(tr("Nothing expires in the next %n day(s).", nullptr, PantryModel::kSoonDays));
            return;
        }
        const QDate today = m_data.clock.today();
        QString html = QStringLiteral("<b>%1</b><br>").arg(tr("Use soon:"));
        const int shown = std::min<int>(5, int(soon.size()));
        for (int i = 0; i < shown; ++i) {
            const PantryItem &item = soon.at(i);
            const QColor color =
                m_data.pantry.expiryState(item) == PantryModel::ExpiryState::Expired ? Theme::danger() : Theme::warning();
            html += Theme::dotHtml(color) + QLatin1Char(' ') + item.name.toHtmlEscaped()
                + QStringLiteral(" <span style=\"color:%1\">— %2</span><br>")
                      .arg(Theme::mutedText(this).name(QColor::HexArgb), describeExpiry(item.expiresOn, today).toHtmlEscaped());
        }
        if (soon.size() > shown)
            html += tr("and %n more", nullptr, int(soon.size() - shown));
        m_detail->setText(html);
    }

private:
    HouseholdData &m_data;
    QLabel *m_headline;
    QLabel *m_detail;
};

void connectModel(QAbstractItemModel &model, PantryPage *page, void (PantryPage::*slot)())
{
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        QObject::connect(&model, signal, page, slot);
    QObject::connect(&model, &QAbstractItemModel::dataChanged, page, slot);
    QObject::connect(&model, &QAbstractItemModel::modelReset, page, slot);
}

} // namespace

PantryPage::PantryPage(HouseholdData &data, EditHistory &history, Confirmer &confirmer, QWidget *parent)
    : Page(parent)
    , m_data(data)
    , m_history(history)
    , m_confirmer(confirmer)
    , m_proxy(new PantryFilterProxy(this))
    , m_refreshTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("pantryPage"));
    setStyleSheet(pageStyleSheet());
    m_proxy->setSourceModel(&m_data.pantry);

    // Bursts of changes (an import, a busy household) update the header once.
    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(0);
    connect(m_refreshTimer, &QTimer::timeout, this, &PantryPage::refresh);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4 * Theme::kGrid, 3 * Theme::kGrid, 4 * Theme::kGrid, 3 * Theme::kGrid);
    layout->setSpacing(2 * Theme::kGrid);

    // Header: title and counts, the main action on the right.
    auto *header = new QHBoxLayout;
    header->setSpacing(2 * Theme::kGrid);
    auto *titles = new QVBoxLayout;
    titles->setSpacing(Theme::kGrid / 2);
    titles->addWidget(Theme::makeTitle(tr("Pantry"), this));
    m_subtitle = Theme::makeSubtitle(QString(), this);
    titles->addWidget(m_subtitle);
    header->addLayout(titles, 1);
    m_addButton = Theme::makePrimaryButton(tr("Add item"), this);
    m_addButton->setToolTip(tr("Add something you bought (Ctrl+N)"));
    header->addWidget(m_addButton, 0, Qt::AlignBottom);
    layout->addLayout(header);

    // Toolbar: finding things on the left, changing the selected item on the right.
    auto *toolbar = new QHBoxLayout;
    toolbar->setSpacing(Theme::kGrid);
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("pantrySearch"));
    m_search->setPlaceholderText(tr("Search the pantry"));
    m_search->setToolTip(tr("Find by name, category or where it is kept (Ctrl+F)"));
    m_search->setAccessibleName(tr("Search the pantry"));
    m_search->setClearButtonEnabled(true);
    m_search->addAction(Theme::icon("edit-find", "find"), QLineEdit::LeadingPosition);
    m_search->setMinimumHeight(kControlHeight);
    m_search->setMinimumWidth(18 * Theme::kGrid); // the toolbar fits a 1024×600 tablet
    m_search->installEventFilter(this);
    toolbar->addWidget(m_search, 2);

    m_categoryFilter = new FilterCombo(this);
    m_categoryFilter->setObjectName(QStringLiteral("categoryFilter"));
    m_categoryFilter->setAccessibleName(tr("Category"));
    m_categoryFilter->setToolTip(tr("Show one category"));
    m_categoryFilter->setMinimumHeight(kControlHeight);
    // As wide as a usual category, not the longest: it must not push into the search field.
    m_categoryFilter->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_categoryFilter->setMinimumContentsLength(11);
    m_categoryFilter->setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Fixed); // the search takes the room
    m_categoryFilter->addItem(tr("All categories"));
    toolbar->addWidget(m_categoryFilter);

    m_expiringFilter = new QPushButton(dotIcon(Theme::warning()), tr("Expiring soon"), this);
    m_expiringFilter->setObjectName(QStringLiteral("filterChip"));
    m_expiringFilter->setCheckable(true);
    m_expiringFilter->setMinimumHeight(kControlHeight);
    m_expiringFilter->setCursor(Qt::PointingHandCursor);
    m_expiringFilter->setToolTip(
        tr("Only what expires in the next %n day(s) or has expired", nullptr, PantryModel::kSoonDays));
    toolbar->addWidget(m_expiringFilter);
    toolbar->addStretch(1);

    m_minusButton = makeToolbarButton(Theme::icon("list-remove", "remove"), QString(), tr("Use one (−)"), this);
    m_plusButton = makeToolbarButton(Theme::icon("list-add", "add"), QString(), tr("Add one (+)"), this);
    // Icons only, like − and +, so the toolbar fits a 1024×600 tablet; the names are spoken.
    m_editButton = makeToolbarButton(Theme::icon("document-edit", "edit"), QString(), tr("Edit the item (Enter)"), this);
    m_editButton->setAccessibleName(tr("Edit"));
    m_deleteButton =
        makeToolbarButton(Theme::icon("edit-delete", "delete"), QString(), tr("Delete (Del) — you can undo it"), this);
    m_deleteButton->setAccessibleName(tr("Delete"));
    toolbar->addWidget(m_minusButton);
    toolbar->addWidget(m_plusButton);
    toolbar->addSpacing(Theme::kGrid);
    toolbar->addWidget(m_editButton);
    toolbar->addWidget(m_deleteButton);
    layout->addLayout(toolbar);

    // The table.
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("pantryTable"));
    m_table->setAccessibleName(tr("Pantry items"));
    m_table->setModel(m_proxy);
    m_table->setItemDelegate(new PantryDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_table->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(5 * Theme::kGrid + 4);
    QHeaderView *columns = m_table->horizontalHeader();
    columns->setHighlightSections(false);
    columns->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    columns->setSectionResizeMode(QHeaderView::Interactive);
    columns->setSectionResizeMode(PantryModel::Name, QHeaderView::Stretch);
    columns->setMinimumSectionSize(10 * Theme::kGrid);
    fitColumns();
    // The indicator is set before sorting is switched on, so the rows are sorted once, by expiry
    // (what to use first on top), not first by name and then again.
    m_table->horizontalHeader()->setSortIndicator(PantryModel::ExpiresOn, Qt::AscendingOrder);
    m_table->setSortingEnabled(true);
    m_table->installEventFilter(this);
    m_table->viewport()->installEventFilter(this); // its resizes fit the columns
    layout->addWidget(m_table, 1);
    setFocusProxy(m_table);

    // What shows instead of the table when there is nothing to list.
    m_emptyPanel = Theme::makeCard(this);
    auto *emptyLayout = new QVBoxLayout(m_emptyPanel);
    emptyLayout->setContentsMargins(4 * Theme::kGrid, 4 * Theme::kGrid, 4 * Theme::kGrid, 4 * Theme::kGrid);
    emptyLayout->setSpacing(Theme::kGrid);
    emptyLayout->addStretch(1);
    auto *emptyIcon = new QLabel(m_emptyPanel);
    emptyIcon->setPixmap(Theme::icon("applications-other", "pantry").pixmap(48, 48));
    emptyIcon->setAlignment(Qt::AlignCenter);
    emptyLayout->addWidget(emptyIcon);
    m_emptyState = new QLabel(m_emptyPanel);
    m_emptyState->setObjectName(QStringLiteral("emptyState"));
    m_emptyState->setAlignment(Qt::AlignCenter);
    m_emptyState->setWordWrap(true);
    emptyLayout->addWidget(m_emptyState);
    m_emptyAction = new QPushButton(m_emptyPanel);
    m_emptyAction->setObjectName(QStringLiteral("toolbarButton"));
    m_emptyAction->setMinimumHeight(kControlHeight);
    m_emptyAction->setCursor(Qt::PointingHandCursor);
    emptyLayout->addWidget(m_emptyAction, 0, Qt::AlignHCenter);
    emptyLayout->addStretch(2);
    m_emptyPanel->hide();
    layout->addWidget(m_emptyPanel, 1);

    // Wiring.
    connect(m_addButton, &QPushButton::clicked, this, &PantryPage::addNew);
    connect(m_editButton, &QPushButton::clicked, this, &PantryPage::editSelected);
    connect(m_deleteButton, &QPushButton::clicked, this, &PantryPage::deleteSelected);
    connect(m_minusButton, &QPushButton::clicked, this, [this] { adjustSelected(-1); });
    connect(m_plusButton, &QPushButton::clicked, this, [this] { adjustSelected(+1); });
    connect(m_emptyAction, &QPushButton::clicked, this, [this] {
        if (m_data.pantry.rowCount() == 0)
            addNew();
        else
            clearFilters();
    });
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setSearchText(text);
        updateEmptyState();
        updateActions();
    });
    connect(m_categoryFilter, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_proxy->setCategory(index <= 0 ? QString() : m_categoryFilter->itemText(index));
        updateEmptyState();
        updateActions();
    });
    connect(m_expiringFilter, &QPushButton::toggled, this, [this](bool on) {
        m_proxy->setExpiringSoonOnly(on);
        updateEmptyState();
        updateActions();
    });
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        if (index.isValid())
            editSelected();
    });
    connect(m_table, &QWidget::customContextMenuRequested, this, &PantryPage::showContextMenu);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &PantryPage::updateActions);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentChanged, this, &PantryPage::updateActions);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_proxy, signal, this, &PantryPage::updateEmptyState);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &PantryPage::updateEmptyState);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &PantryPage::updateEmptyState);
    connectModel(m_data.pantry, this, &PantryPage::scheduleRefresh);

    refresh();
}

PantryPage::~PantryPage() = default;

void PantryPage::addNew()
{
    PantryItem item;
    item.quantity = 1;
    item.category = m_proxy->category(); // adding while looking at "Dairy" most likely adds dairy
    openDialog(item, true);
}

void PantryPage::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

PantryItemDialog *PantryPage::dialog() const
{
    return m_dialog;
}

void PantryPage::editSelected()
{
    const QString id = currentId();
    if (const auto item = m_data.pantry.find(id))
        openDialog(*item, false);
}

void PantryPage::openDialog(const PantryItem &item, bool isNew)
{
    if (m_dialog) {
        m_dialog->raise();
        m_dialog->activateWindow();
        return;
    }
    PantryItemDialog::Submitter submit;
    if (isNew) {
        submit = [this](const PantryItem &added) {
            if (const auto same = m_data.pantry.sameItemAs(added))
                return addToExisting(*same, added);
            const MutationResult result = m_history.apply(
                m_data.pantry, m_data.pantry.addMutation(added), tr("Add %1").arg(added.name));
            if (result.ok) {
                // Show what was just added, even if the current filters would hide it.
                const QModelIndex source = m_data.pantry.index(m_data.pantry.rowOf(result.entityId), 0);
                if (!m_proxy->mapFromSource(source).isValid())
                    clearFilters();
                selectEntity(result.entityId);
            }
            return result;
        };
    } else {
        submit = [this, original = item](const PantryItem &edited) {
            const Mutation edit = m_data.pantry.editMutation(original, edited);
            if (edit.fields.isEmpty()) {
                MutationResult unchanged;
                unchanged.ok = true;
                unchanged.entityId = original.id;
                return unchanged;
            }
            return m_history.apply(m_data.pantry, edit, tr("Edit %1").arg(original.name));
        };
    }

    auto *dialog = new PantryItemDialog(m_data.pantry, item, isNew, std::move(submit), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_dialog = dialog;
    connect(dialog, &QDialog::finished, this, [this] { m_table->setFocus(); });
    dialog->open();
}

MutationResult PantryPage::addToExisting(const PantryItem &existing, const PantryItem &added)
{
    const QString amount = PantryModel::formatAmount(added.quantity, existing.unit);
    const QString place = existing.location.isEmpty() ? QString() : tr(" in the %1").arg(existing.location);
    const QString question =
        tr("%1 is already in the pantry%2 (%3). Add %4 to it instead of making a second %1?")
            .arg(existing.name, place, PantryModel::formatAmount(existing.quantity, existing.unit), amount);
    if (!m_confirmer.confirm(this, tr("Already in the pantry"), question, tr("Add to it")))
        return MutationResult::failure(
            QStringLiteral("duplicate"),
            tr("%1 is already in the pantry. Give this one another name, unit or place to keep it apart.").arg(existing.name),
            QStringLiteral("name"));
    const MutationResult result = m_history.apply(m_data.pantry, m_data.pantry.addToMutation(existing, added),
                                                  tr("Add %1 to %2").arg(amount, existing.name));
    if (result.ok) {
        const QModelIndex source = m_data.pantry.index(m_data.pantry.rowOf(existing.id), 0);
        if (!m_proxy->mapFromSource(source).isValid())
            clearFilters();
        selectEntity(existing.id);
    }
    return result;
}

QStringList PantryPage::selectedIds() const
{
    QStringList ids;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    for (const QModelIndex &row : rows)
        ids << row.data(PantryModel::IdRole).toString();
    return ids;
}

QString PantryPage::currentId() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.size() == 1)
        return rows.first().data(PantryModel::IdRole).toString();
    if (rows.isEmpty())
        return {};
    const QModelIndex current = m_table->currentIndex();
    return current.isValid() && m_table->selectionModel()->isRowSelected(current.row(), {})
        ? current.data(PantryModel::IdRole).toString()
        : QString();
}

void PantryPage::selectEntity(const QString &entityId)
{
    const int sourceRow = m_data.pantry.rowOf(entityId);
    if (sourceRow < 0)
        return;
    selectIndex(m_proxy->mapFromSource(m_data.pantry.index(sourceRow, 0)));
}

void PantryPage::selectIndex(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(index);
}

void PantryPage::deleteSelected()
{
    const QStringList ids = selectedIds();
    if (ids.isEmpty())
        return;
    const int firstRow = m_table->selectionModel()->selectedRows().constFirst().row();
    if (ids.size() == 1) {
        const auto item = m_data.pantry.find(ids.first());
        if (!item)
            return;
        m_history.apply(m_data.pantry, m_data.pantry.removeMutation(item->id), tr("Delete %1").arg(item->name));
    } else {
        // One item is a keystroke away from undo; a whole selection deserves a question first.
        if (!m_confirmer.confirm(this, tr("Delete items"),
                                 tr("Delete %n item(s) from the pantry? You can undo this.", nullptr, int(ids.size())),
                                 tr("Delete")))
            return;
        EditHistory::Group group(m_history, tr("Delete %n item(s)", nullptr, int(ids.size())));
        for (const QString &id : ids)
            m_history.apply(m_data.pantry, m_data.pantry.removeMutation(id), tr("Delete"));
    }
    // Keep the keyboard where it was: the next row takes the deleted one's place.
    const int rows = m_proxy->rowCount();
    if (rows > 0)
        selectIndex(m_proxy->index(std::min(firstRow, rows - 1), 0));
    updateActions();
}

void PantryPage::adjustSelected(double delta)
{
    const auto item = m_data.pantry.find(currentId());
    if (!item)
        return;
    if (std::max(0.0, item->quantity + delta) == item->quantity)
        return; // nothing to undo
    m_history.apply(m_data.pantry, m_data.pantry.adjustQuantityMutation(item->id, delta),
                    tr("Change quantity of %1").arg(item->name));
    updateActions();
}

void PantryPage::clearFilters()
{
    m_search->clear();
    m_categoryFilter->setCurrentIndex(0);
    m_expiringFilter->setChecked(false);
}

void PantryPage::fitColumns()
{
    // The name takes what the other columns leave; on a narrow table (a 1024×600 tablet) they
    // shrink to their compact widths so names are not cut.
    const bool narrow = m_table->viewport()->width() < 110 * Theme::kGrid;
    QHeaderView *columns = m_table->horizontalHeader();
    columns->resizeSection(PantryModel::Quantity, (narrow ? 11 : 15) * Theme::kGrid);
    columns->resizeSection(PantryModel::Category, (narrow ? 16 : 20) * Theme::kGrid);
    columns->resizeSection(PantryModel::Location, (narrow ? 14 : 18) * Theme::kGrid);
    columns->resizeSection(PantryModel::ExpiresOn, (narrow ? 23 : 30) * Theme::kGrid);
}

bool PantryPage::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table->viewport() && event->type() == QEvent::Resize)
        fitColumns();
    if (event->type() != QEvent::KeyPress)
        return Page::eventFilter(watched, event);
    const auto *key = static_cast<QKeyEvent *>(event);
    const bool plain = !(key->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier));

    if (watched == m_table && plain) {
        switch (key->key()) {
        case Qt::Key_Return:
        case Qt::Key_Enter:
            editSelected();
            return true;
        case Qt::Key_Delete:
        case Qt::Key_Backspace:
            deleteSelected();
            return true;
        case Qt::Key_Plus:
        case Qt::Key_Equal:
            adjustSelected(+1);
            return true;
        case Qt::Key_Minus:
            adjustSelected(-1);
            return true;
        default:
            break;
        }
    } else if (watched == m_search && plain) {
        if (key->key() == Qt::Key_Escape && !m_search->text().isEmpty()) {
            m_search->clear();
            return true;
        }
        if ((key->key() == Qt::Key_Down || key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)
            && m_proxy->rowCount() > 0) {
            // From the search straight into the results.
            m_table->setFocus(Qt::TabFocusReason);
            if (!m_table->selectionModel()->hasSelection())
                selectIndex(m_proxy->index(0, 0));
            return true;
        }
    }
    return Page::eventFilter(watched, event);
}

void PantryPage::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_table->indexAt(pos);
    if (!index.isValid())
        return;
    if (!m_table->selectionModel()->isRowSelected(index.row(), {}))
        selectIndex(index);
    QMenu menu(this);
    menu.addAction(Theme::icon("document-edit", "edit"), tr("Edit…") + QStringLiteral("\tEnter"), this,
                   &PantryPage::editSelected)
        ->setEnabled(m_editButton->isEnabled());
    menu.addAction(Theme::icon("list-add", "add"), tr("Add one") + QStringLiteral("\t+"), this,
                   [this] { adjustSelected(+1); })
        ->setEnabled(m_plusButton->isEnabled());
    menu.addAction(Theme::icon("list-remove", "remove"), tr("Use one") + QStringLiteral("\t−"), this,
                   [this] { adjustSelected(-1); })
        ->setEnabled(m_minusButton->isEnabled());
    menu.addSeparator();
    menu.addAction(Theme::icon("edit-delete", "delete"), tr("Delete") + QStringLiteral("\tDel"), this,
                   &PantryPage::deleteSelected);
    menu.exec(m_table->viewport()->mapToGlobal(pos));
}

void PantryPage::scheduleRefresh()
{
    m_refreshTimer->start();
}

void PantryPage::refresh()
{
    const PantryModel &pantry = m_data.pantry;
    // The subtitle and the "Expiring soon" chip count the same items: due in kSoonDays days or gone off.
    const QList<PantryItem> useSoon = pantry.expiringSoon();
    const int expired = int(std::count_if(useSoon.cbegin(), useSoon.cend(), [&pantry](const PantryItem &item) {
        return pantry.expiryState(item) == PantryModel::ExpiryState::Expired;
    }));
    const int count = pantry.rowCount();
    if (count == 0) {
        m_subtitle->setText(tr("Keep track of what you have, and use it before it goes off."));
    } else {
        QStringList parts{tr("%n item(s)", nullptr, count)};
        if (useSoon.isEmpty())
            parts << tr("nothing to use up soon");
        else if (expired > 0)
            parts << tr("%n expiring soon", nullptr, int(useSoon.size())) + QLatin1Char(' ')
                    + tr("(%n already expired)", nullptr, expired);
        else
            parts << tr("%n expiring soon", nullptr, int(useSoon.size()));
        m_subtitle->setText(parts.join(QStringLiteral(" · ")));
    }
    m_expiringFilter->setText(useSoon.isEmpty() ? tr("Expiring soon") : tr("Expiring soon (%1)").arg(useSoon.size()));

    refreshCategories();
    updateEmptyState();
    updateActions();
}

void PantryPage::refreshCategories()
{
    const QStringList categories = m_data.pantry.categories();
    if (categories == m_categories)
        return;
    m_categories = categories;
    const QString current = m_proxy->category();
    const QSignalBlocker blocker(m_categoryFilter);
    while (m_categoryFilter->count() > 1)
        m_categoryFilter->removeItem(1);
    m_categoryFilter->addItems(categories);
    const int index = current.isEmpty() ? 0 : m_categoryFilter->findText(current);
    // The chosen category stays chosen while it has items; when it is gone, show everything.
    m_categoryFilter->setCurrentIndex(std::max(0, index));
    if (index < 0)
        m_proxy->setCategory(QString());
}

void PantryPage::updateEmptyState()
{
    const bool pantryEmpty = m_data.pantry.rowCount() == 0;
    const bool nothingShown = m_proxy->rowCount() == 0;
    if (pantryEmpty) {
        m_emptyState->setText(tr("Nothing in the pantry yet — add what you bought."));
        m_emptyAction->setText(tr("Add your first item"));
    } else if (nothingShown) {
        const bool onlyExpiring = m_expiringFilter->isChecked() && m_search->text().trimmed().isEmpty()
            && m_proxy->category().isEmpty();
        if (!m_search->text().trimmed().isEmpty()) {
            m_emptyState->setText(tr("Nothing matches your search."));
            m_emptyAction->setText(tr("Clear the search"));
        } else if (onlyExpiring) {
            m_emptyState->setText(
                tr("Nothing expires in the next %n day(s) — well done.", nullptr, PantryModel::kSoonDays));
            m_emptyAction->setText(tr("Show everything"));
        } else {
            m_emptyState->setText(tr("Nothing matches these filters."));
            m_emptyAction->setText(tr("Show everything"));
        }
    }
    // Filters have nothing to work on in an empty pantry.
    for (QWidget *filter : std::initializer_list<QWidget *>{m_search, m_categoryFilter, m_expiringFilter})
        filter->setEnabled(!pantryEmpty);
    const bool showEmpty = pantryEmpty || nothingShown;
    m_emptyPanel->setVisible(showEmpty);
    m_table->setVisible(!showEmpty);
}

void PantryPage::updateActions()
{
    const QStringList ids = selectedIds();
    const auto item = m_data.pantry.find(currentId());
    m_editButton->setEnabled(item.has_value());
    m_plusButton->setEnabled(item.has_value());
    m_minusButton->setEnabled(item.has_value() && item->quantity > 0);
    m_deleteButton->setEnabled(!ids.isEmpty());
}

PageRegistration PantryPage::registration()
{
    PageRegistration page{kId, QT_TRANSLATE_NOOP("Pages", "Pantry"), "applications-other", "pantry",
            [](const PageContext &context, QWidget *parent) -> Page * { return new PantryPage(context.data, context.history, context.confirmer, parent); },
            [](const PageContext &context, QWidget *parent) -> DashboardCard * { return new PantryCard(context.data, parent); }};
    page.collections = {Collection::Pantry};
    return page;
}

} // namespace hearth

#include "PantryPage.moc"
