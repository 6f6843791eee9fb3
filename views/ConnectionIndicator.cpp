#include "ConnectionIndicator.h"

#include "ConnectionStatus.h"
#include "Theme.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>

namespace hearth {

ConnectionIndicator::ConnectionIndicator(ConnectionStatus &status, QWidget *parent)
    : QWidget(parent)
    , m_status(status)
    , m_label(new QLabel(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(Theme::kGrid, 0, Theme::kGrid, 0);
    layout->addWidget(m_label);
    m_label->setTextFormat(Qt::RichText);
    setObjectName(QStringLiteral("connectionIndicator"));
    connect(&m_status, &ConnectionStatus::changed, this, &ConnectionIndicator::refresh);
    refresh();
}

void ConnectionIndicator::setCompact(bool compact)
{
    m_compact = compact;
    refresh();
}

QString ConnectionIndicator::text() const
{
    return m_label->text();
}

void ConnectionIndicator::refresh()
{
    using State = ConnectionStatus::State;
    const State state = m_status.state();
    QColor color = Theme::mutedText(this);
    if (state == State::Connected)
        color = Theme::fine();
    else if (state == State::Connecting || state == State::Reconnecting)
        color = Theme::warning();
    else if (state == State::Error || state == State::Disconnected)
        color = Theme::danger();

    QString text = Theme::dotHtml(color) + QLatin1Char(' ') + ConnectionStatus::stateText(state).toHtmlEscaped();
    if (!m_compact) {
        if (state == State::Connected && m_status.membersOnline() > 0)
            text += QStringLiteral(" · ") + tr("%n online", nullptr, m_status.membersOnline());
        if (m_status.lastSync().isValid())
            text += QStringLiteral(" · ") + tr("synced %1").arg(QLocale().toString(m_status.lastSync().time(), QLocale::ShortFormat));
        if (!m_status.detail().isEmpty())
            text += QStringLiteral(" · ") + m_status.detail().toHtmlEscaped();
    }
    m_label->setText(text);
    setToolTip(state == State::Local ? tr("Changes are saved on this device only.")
                                     : ConnectionStatus::stateText(state));
}

} // namespace hearth
