#include "ImportPreviewDialog.h"

#include "Theme.h"

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QTableView>

namespace hearth {

namespace {

// Tints the Status cell by class; the words in it say the same for whoever cannot tell colours apart.
class StatusDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        QColor color;
        switch (RowClass(index.data(ImportPlanModel::KindRole).toInt())) {
        case RowClass::New: color = Theme::fine(); break;
        case RowClass::Duplicate:
        case RowClass::Removed: color = QColor(Qt::gray); break;
        case RowClass::OutOfMonth: color = Theme::warning(); break;
        case RowClass::Match: color = Theme::accent(); break;
        }
        color.setAlpha(70);
        option->backgroundBrush = color;
        if (RowClass(index.data(ImportPlanModel::KindRole).toInt()) == RowClass::Duplicate)
            option->palette.setColor(QPalette::Text, option->palette.color(QPalette::PlaceholderText));
    }
};

} // namespace

ImportPreviewDialog::ImportPreviewDialog(ImportPlan plan, const QDate &month, const QString &currency, Replan replan,
                                         Submit submit, QWidget *parent)
    : FormDialog(parent)
    , m_model(currency)
    , m_month(month)
    , m_replan(std::move(replan))
    , m_submit(std::move(submit))
    , m_account(new QLineEdit(this))
    , m_summary(new QLabel(this))
    , m_table(new QTableView(this))
{
    setObjectName(QStringLiteral("importPreviewDialog"));
    setHeading(tr("Import %1").arg(plan.fileName),
               tr("Nothing is written until you press Import. Rows already in the budget are never imported twice."));

    m_account->setObjectName(QStringLiteral("accountEdit"));
    m_account->setText(plan.account);
    addField(tr("Account"), m_account, QStringLiteral("account"),
             tr("Use the same name for every statement of this account: it is part of how rows are recognised."));
    connect(m_account, &QLineEdit::editingFinished, this, [this] {
        const QString account = m_account->text().trimmed();
        if (!account.isEmpty() && account != m_model.plan().account && m_replan)
            m_model.setPlan(m_replan(account), m_month);
    });

    m_summary->setObjectName(QStringLiteral("importSummary"));
    m_summary->setWordWrap(true);
    addContent(m_summary);

    m_table->setObjectName(QStringLiteral("importTable"));
    m_table->setModel(&m_model);
    m_table->setItemDelegateForColumn(ImportPlanModel::Status, new StatusDelegate(m_table));
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed | QAbstractItemView::AnyKeyPressed);
    m_table->setWordWrap(false);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(ImportPlanModel::Payee, QHeaderView::Stretch);
    header->setSectionResizeMode(ImportPlanModel::Status, QHeaderView::Stretch);
    for (int column : {int(ImportPlanModel::Include), int(ImportPlanModel::Date), int(ImportPlanModel::Amount)})
        header->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    header->resizeSection(ImportPlanModel::Category, 16 * Theme::kGrid);
    // Wide enough for a payee and a status beside the rest, within a 1024-pixel screen; the
    // stretching columns share what is left, so the table never scrolls sideways.
    m_table->setMinimumSize(100 * Theme::kGrid, 30 * Theme::kGrid);
    m_table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_table->setTextElideMode(Qt::ElideRight);
    addContent(m_table);

    connect(&m_model, &ImportPlanModel::choiceChanged, this, &ImportPreviewDialog::updateSummary);
    m_model.setPlan(std::move(plan), month);
}

QString ImportPreviewDialog::summaryText() const
{
    return m_summary->text();
}

void ImportPreviewDialog::updateSummary()
{
    const qsizetype chosen = m_model.plan().rowsToImport().size();
    m_summary->setText(m_model.plan().summary(m_month));
    setSaveText(tr("Import %n row(s)", nullptr, int(chosen)));
    saveButton()->setEnabled(chosen > 0);
}

MutationResult ImportPreviewDialog::save()
{
    ImportPlan plan = m_model.plan();
    if (m_account->text().trimmed().isEmpty())
        return MutationResult::failure(QStringLiteral("invalid"), tr("Name the account the statement is for."), QStringLiteral("account"));
    return m_submit ? m_submit(plan) : MutationResult::failure(QStringLiteral("invalid"), tr("Nothing to import."));
}

} // namespace hearth
