#include "Banner.h"

#include "Theme.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace hearth {

Banner::Banner(const QString &objectName, Dismissable dismissable, QWidget *parent)
    : QFrame(parent)
    , m_title(new QLabel(this))
    , m_text(new QLabel(this))
    , m_action(Theme::makePrimaryButton(QString(), this))
{
    setObjectName(objectName);
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(2 * Theme::kGrid, 3 * Theme::kGrid / 2, 2 * Theme::kGrid, 3 * Theme::kGrid / 2);
    row->setSpacing(2 * Theme::kGrid);
    auto *icon = new QLabel(this);
    icon->setPixmap(Theme::icon("dialog-warning", "clear").pixmap(24, 24));
    row->addWidget(icon, 0, Qt::AlignTop);
    auto *texts = new QVBoxLayout;
    texts->setSpacing(Theme::kGrid / 2);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_text->setObjectName(QStringLiteral("bannerText"));
    m_text->setWordWrap(true);
    texts->addWidget(m_title);
    texts->addWidget(m_text);
    row->addLayout(texts, 1);
    m_action->setObjectName(QStringLiteral("bannerActionButton"));
    row->addWidget(m_action, 0, Qt::AlignVCenter);
    connect(m_action, &QPushButton::clicked, this, &Banner::actionTriggered);
    if (dismissable == Dismissable::Yes) {
        auto *dismiss = new QPushButton(tr("Dismiss"), this);
        dismiss->setProperty("secondary", true);
        dismiss->setObjectName(QStringLiteral("bannerCloseButton"));
        row->addWidget(dismiss, 0, Qt::AlignVCenter);
        connect(dismiss, &QPushButton::clicked, this, &QWidget::hide);
    }
    hide();
}

void Banner::present(const QString &title, const QString &text, const QString &actionText)
{
    m_title->setText(title);
    m_text->setText(text);
    m_action->setText(actionText);
    m_action->setVisible(!actionText.isEmpty());
    show();
}

QString Banner::shownText() const
{
    return isHidden() ? QString() : m_title->text() + QLatin1Char('\n') + m_text->text();
}

} // namespace hearth
