#include "FormDialog.h"

#include "Theme.h"

#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
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

// A body that asks for all the room its content wants, but no more than the screen has, and can
// shrink to a few lines: on a short screen the body scrolls while heading and buttons stay put.
class DialogBody final : public QScrollArea
{
public:
    using QScrollArea::QScrollArea;

    QSize sizeHint() const override
    {
        const QSize content = widget() ? widget()->sizeHint() : QSize();
        const QScreen *screen = this->screen() ? this->screen() : QGuiApplication::primaryScreen();
        // What is left after the heading, the buttons and the window frame.
        const int room = screen ? screen->availableGeometry().height() - 24 * Theme::kGrid : content.height();
        return {content.width() + verticalScrollBar()->sizeHint().width(), std::min(content.height(), std::max(room, 0))};
    }

    QSize minimumSizeHint() const override
    {
        const QSize content = widget() ? widget()->minimumSizeHint() : QSize();
        return {content.width() + verticalScrollBar()->sizeHint().width(),
                std::min(content.height(), 8 * fontMetrics().height())};
    }
};

} // namespace

FormDialog::FormDialog(QWidget *parent)
    : QDialog(parent)
    , m_heading(new QLabel(this))
    , m_intro(Theme::makeSubtitle(QString(), this))
    , m_generalError(nullptr)
    , m_scroll(new DialogBody(this))
    , m_body(nullptr)
    , m_form(new QFormLayout)
    , m_buttonRow(new QHBoxLayout)
    , m_cancel(Theme::makeSecondaryButton(tr("Cancel"), this))
    , m_save(Theme::makePrimaryButton(tr("Save"), this))
{
    m_heading->setObjectName(QStringLiteral("cardTitle"));
    m_heading->setWordWrap(true);
    m_heading->setVisible(false);
    m_intro->setVisible(false);

    auto *content = new QWidget(m_scroll);
    content->setObjectName(QStringLiteral("dialogBody"));
    m_scroll->setObjectName(QStringLiteral("dialogScroll"));
    m_scroll->setWidget(content);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff); // rows wrap instead
    m_scroll->viewport()->setAutoFillBackground(false);
    content->setAutoFillBackground(false);
    m_body = new QVBoxLayout(content);
    m_body->setContentsMargins(0, 0, 0, 0);
    m_body->setSpacing(Theme::kGrid);
    m_generalError = makeErrorLabel(QString(), content);
    m_errors.insert(QString(), m_generalError);

    m_form->setContentsMargins(0, 0, 0, 0);
    m_form->setHorizontalSpacing(2 * Theme::kGrid);
    m_form->setVerticalSpacing(Theme::kGrid + Theme::kGrid / 2);
    m_form->setLabelAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    m_body->addWidget(m_generalError);
    m_body->addLayout(m_form);

    // Plain push buttons, not a QDialogButtonBox's standard ones: those carry the desktop's stock
    // icons (a floppy disk on Save, a red X on Cancel) in some styles.
    m_save->setObjectName(QStringLiteral("saveButton"));
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_save->setDefault(true);
    m_save->setAutoDefault(true);
    m_cancel->setAutoDefault(false);
    connect(m_save, &QPushButton::clicked, this, &FormDialog::accept);
    connect(m_cancel, &QPushButton::clicked, this, &FormDialog::reject);
    m_buttonRow->setSpacing(Theme::kGrid);
    m_buttonRow->addStretch(1);
    m_buttonRow->addWidget(m_cancel);
    m_buttonRow->addWidget(m_save);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(3 * Theme::kGrid, 3 * Theme::kGrid, 3 * Theme::kGrid, 2 * Theme::kGrid);
    layout->setSpacing(Theme::kGrid);
    layout->addWidget(m_heading);
    layout->addWidget(m_intro);
    layout->addSpacing(Theme::kGrid);
    layout->addWidget(m_scroll, 1);
    layout->addSpacing(Theme::kGrid);
    layout->addLayout(m_buttonRow);
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
    QWidget *body = m_scroll->widget();
    auto *cell = new QWidget(body);
    auto *column = new QVBoxLayout(cell);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(Theme::kGrid / 2);
    column->addWidget(editor);
    if (!hint.isEmpty()) {
        auto *hintLabel = new QLabel(hint, cell);
        hintLabel->setObjectName(QStringLiteral("fieldHint"));
        hintLabel->setWordWrap(true);
        QColor muted = hintLabel->palette().color(QPalette::WindowText);
        muted.setAlphaF(0.62f);
        hintLabel->setStyleSheet(QStringLiteral("color: %1;").arg(muted.name(QColor::HexArgb)));
        column->addWidget(hintLabel);
    }
    QLabel *error = makeErrorLabel(field, cell);
    column->addWidget(error);
    auto *caption = new QLabel(label, body);
    caption->setBuddy(editor);
    m_form->addRow(caption, cell);
    m_errors.insert(field, error);
    m_editors.insert(field, editor);
}

void FormDialog::addContent(QWidget *widget)
{
    widget->setParent(m_scroll->widget());
    m_body->addWidget(widget);
}

void FormDialog::setSaveText(const QString &text)
{
    m_save->setText(text);
}

QPushButton *FormDialog::addSecondaryButton(const QString &text)
{
    QPushButton *button = Theme::makeSecondaryButton(text, this);
    button->setAutoDefault(false);
    m_buttonRow->insertWidget(m_buttonRow->indexOf(m_cancel), button);
    return button;
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
    // Grow to fit the message instead of squeezing the rows (up to the screen; then the body scrolls).
    layout()->activate();
    if (height() < sizeHint().height())
        resize(width(), sizeHint().height());
    if (QWidget *editor = m_editors.value(error.field)) {
        editor->setFocus(Qt::OtherFocusReason);
        m_scroll->ensureWidgetVisible(editor);
        if (auto *line = qobject_cast<QLineEdit *>(editor))
            line->selectAll();
    } else {
        m_scroll->ensureWidgetVisible(label);
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
