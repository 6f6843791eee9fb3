#include "FormDialog.h"

#include "Theme.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace hearth {

namespace {

QLabel *makeErrorLabel(const QString &field, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(QStringLiteral("fieldError"));
    label->setProperty("field", field);
    label->setWordWrap(true);
    label->setVisible(false);
    return label;
}

} // namespace

FormDialog::FormDialog(QWidget *parent)
    : QDialog(parent)
    , m_heading(new QLabel(this))
    , m_intro(Theme::makeSubtitle(QString(), this))
    , m_generalError(makeErrorLabel(QString(), this))
    , m_form(new QFormLayout)
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this))
    , m_save(m_buttons->button(QDialogButtonBox::Save))
{
    m_heading->setObjectName(QStringLiteral("cardTitle"));
    m_heading->setVisible(false);
    m_intro->setVisible(false);
    m_errors.insert(QString(), m_generalError);

    m_form->setContentsMargins(0, 0, 0, 0);
    m_form->setHorizontalSpacing(2 * Theme::kGrid);
    m_form->setVerticalSpacing(Theme::kGrid + Theme::kGrid / 2);
    m_form->setLabelAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->setRowWrapPolicy(QFormLayout::DontWrapRows);

    m_save->setObjectName(QStringLiteral("saveButton"));
    m_save->setProperty("primary", true);
    m_save->style()->unpolish(m_save); // the button box already polished it without the property
    m_save->style()->polish(m_save);
    if (QPushButton *cancel = m_buttons->button(QDialogButtonBox::Cancel)) {
        cancel->setProperty("secondary", true);
        cancel->style()->unpolish(cancel);
        cancel->style()->polish(cancel);
    }
    m_save->setDefault(true);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &FormDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &FormDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(3 * Theme::kGrid, 3 * Theme::kGrid, 3 * Theme::kGrid, 2 * Theme::kGrid);
    layout->setSpacing(Theme::kGrid);
    layout->addWidget(m_heading);
    layout->addWidget(m_intro);
    layout->addSpacing(Theme::kGrid);
    layout->addWidget(m_generalError);
    layout->addLayout(m_form);
    layout->addSpacing(2 * Theme::kGrid);
    layout->addWidget(m_buttons);
    setMinimumWidth(55 * Theme::kGrid);
}

void FormDialog::setHeading(const QString &heading, const QString &intro)
{
    setWindowTitle(heading);
    m_heading->setText(heading);
    m_heading->setVisible(!heading.isEmpty());
    m_intro->setText(intro);
    m_intro->setVisible(!intro.isEmpty());
}

void FormDialog::addField(const QString &label, QWidget *editor, const QString &field, const QString &hint)
{
    auto *cell = new QWidget(this);
    auto *column = new QVBoxLayout(cell);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(Theme::kGrid / 2);
    column->addWidget(editor);
    if (!hint.isEmpty()) {
        auto *hintLabel = new QLabel(hint, cell);
        hintLabel->setObjectName(QStringLiteral("fieldHint"));
        QColor muted = hintLabel->palette().color(QPalette::WindowText);
        muted.setAlphaF(0.62f);
        hintLabel->setStyleSheet(QStringLiteral("color: %1;").arg(muted.name(QColor::HexArgb)));
        column->addWidget(hintLabel);
    }
    QLabel *error = makeErrorLabel(field, cell);
    column->addWidget(error);
    auto *caption = new QLabel(label, this);
    caption->setBuddy(editor);
    m_form->addRow(caption, cell);
    m_errors.insert(field, error);
    m_editors.insert(field, editor);
}

void FormDialog::setSaveText(const QString &text)
{
    m_save->setText(text);
}

QString FormDialog::errorText(const QString &field) const
{
    const QLabel *label = m_errors.value(field);
    return label && !label->isHidden() ? label->text() : QString();
}

void FormDialog::showError(const MutationError &error)
{
    clearErrors();
    QLabel *label = m_errors.value(error.field, m_generalError);
    label->setText(error.message);
    label->setVisible(true);
    // Grow to fit the message instead of squeezing the rows.
    layout()->activate();
    if (height() < sizeHint().height())
        resize(width(), sizeHint().height());
    if (QWidget *editor = m_editors.value(error.field)) {
        editor->setFocus(Qt::OtherFocusReason);
        if (auto *line = qobject_cast<QLineEdit *>(editor))
            line->selectAll();
    }
}

void FormDialog::clearErrors()
{
    for (QLabel *label : std::as_const(m_errors)) {
        label->clear();
        label->setVisible(false);
    }
}

void FormDialog::accept()
{
    const MutationResult result = save();
    if (!result.ok) {
        showError(result.error);
        return;
    }
    clearErrors();
    QDialog::accept();
}

} // namespace hearth
