#include "Banner.h"

#include "ConnectionStatus.h"
#include "Theme.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace hearth {

Banner::Banner(const QString &objectName, Dismissable dismissable, QWidget *parent)
    : QFrame(parent)
    , m_icon(new QLabel(this))
    , m_title(new QLabel(this))
    , m_text(new QLabel(this))
    , m_action(Theme::makePrimaryButton(QString(), this))
{
    setObjectName(objectName);
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(2 * Theme::kGrid, 3 * Theme::kGrid / 2, 2 * Theme::kGrid, 3 * Theme::kGrid / 2);
    row->setSpacing(2 * Theme::kGrid);
    m_icon->setObjectName(QStringLiteral("bannerIcon"));
    setIconSize(24);
    row->addWidget(m_icon, 0, Qt::AlignTop);
    auto *texts = new QVBoxLayout;
    texts->setSpacing(Theme::kGrid / 2);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_title->setObjectName(QStringLiteral("bannerTitle"));
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

void Banner::setIconSize(int pixels)
{
    // Without the desktop's icon theme, the style's warning sign (not a bundled icon of another meaning).
    const QIcon icon = QIcon::hasThemeIcon(QStringLiteral("dialog-warning"))
        ? QIcon::fromTheme(QStringLiteral("dialog-warning"))
        : style()->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, this);
    m_icon->setPixmap(icon.pixmap(pixels, pixels));
}

void showStorageWarning(Banner &banner, const ConnectionStatus &connection)
{
    if (!connection.isStorageFull()) {
        banner.hide();
        return;
    }
    const int held = connection.heldEdits();
    banner.present(Banner::tr("Your disk is full"),
                   held > 0 ? Banner::tr("%n change(s) you made are kept in memory and will be saved and shown as soon as "
                                         "space is freed on this device. Quitting Hearth now would lose them.",
                                         nullptr, held)
                            : Banner::tr("Changes from others are kept in memory and will be saved as soon as space is "
                                         "freed on this device."),
                   Banner::tr("Try Again"));
}

} // namespace hearth
