#include "ConnectionIndicator.h"

#include "ConnectionStatus.h"
#include "Theme.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QMouseEvent>

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
    // The whole indicator is the button: the rich-text label must not take the click.
    m_label->setAttribute(Qt::WA_TransparentForMouseEvents);
    setObjectName(QStringLiteral("connectionIndicator"));
    setCursor(Qt::PointingHandCursor);
    setFocusPolicy(Qt::TabFocus);
    setAccessibleName(tr("Connection"));
    connect(&m_status, &ConnectionStatus::changed, this, &ConnectionIndicator::refresh);
    refresh();
}

void ConnectionIndicator::setCompact(bool compact)
{
    m_forcedCompact = compact;
    refresh();
}

bool ConnectionIndicator::isCompact() const
{
    return m_compact;
}

QString ConnectionIndicator::text() const
{
    return m_label->text();
}

bool ConnectionIndicator::windowWantsCompact() const
{
    return m_window && (m_window->width() < kCompactBelowWidth || m_window->isFullScreen());
}

void ConnectionIndicator::showEvent(QShowEvent *event)
{
    // Follow the window this indicator ended up in (it is reparented into the status bar).
    if (window() != m_window) {
        if (m_window)
            m_window->removeEventFilter(this);
        m_window = window();
        m_window->installEventFilter(this);
        refresh();
    }
    QWidget::showEvent(event);
}

bool ConnectionIndicator::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_window && (event->type() == QEvent::Resize || event->type() == QEvent::WindowStateChange)) {
        if (m_compact != (m_forcedCompact || windowWantsCompact()))
            refresh();
    }
    return QWidget::eventFilter(watched, event);
}

void ConnectionIndicator::mousePressEvent(QMouseEvent *event)
{
    // Accepted, or the press goes on to the status bar and the release never comes back here.
    if (event->button() == Qt::LeftButton) {
        event->accept();
        return;
    }
    QWidget::mousePressEvent(event);
}

void ConnectionIndicator::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && rect().contains(event->position().toPoint()))
        Q_EMIT clicked();
    QWidget::mouseReleaseEvent(event);
}

void ConnectionIndicator::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space || event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
        Q_EMIT clicked();
        return;
    }
    QWidget::keyPressEvent(event);
}

void ConnectionIndicator::refresh()
{
    using State = ConnectionStatus::State;
    const State state = m_status.state();
    m_compact = m_forcedCompact || windowWantsCompact();
    QColor color = Theme::mutedText(this);
    if (state == State::Connected || state == State::Hosting)
        color = Theme::fine();
    else if (state == State::Connecting || state == State::Reconnecting)
        color = Theme::warning();
    else if (state == State::Error || state == State::Disconnected)
        color = Theme::danger();

    const int online = m_status.membersOnline();
    const int pending = m_status.pendingChanges();
    QString text = Theme::dotHtml(color) + QLatin1Char(' ') + ConnectionStatus::stateText(state).toHtmlEscaped();
    if (m_compact) {
        if ((state == State::Connected || state == State::Hosting) && online > 0)
            text += QStringLiteral(" · %1").arg(online);
        if (pending > 0)
            text += QStringLiteral(" · ↑%1").arg(pending);
    } else {
        if ((state == State::Connected || state == State::Hosting) && online > 0)
            text += QStringLiteral(" · ") + tr("%n online", nullptr, online);
        if (pending > 0)
            text += QStringLiteral(" · ") + tr("%n waiting to send", nullptr, pending);
        if (state != State::Local && state != State::Hosting && m_status.lastSync().isValid())
            text += QStringLiteral(" · ") + tr("synced %1").arg(QLocale().toString(m_status.lastSync().time(), QLocale::ShortFormat));
        if (!m_status.detail().isEmpty())
            text += QStringLiteral(" · ") + m_status.detail().toHtmlEscaped();
    }
    m_label->setText(text);

    QString tip;
    switch (state) {
    case State::Local: tip = tr("Changes are saved on this device only. Click to share the household."); break;
    case State::Hosting: tip = tr("This computer hosts the household; %n other device(s) connected. Click for the address and invite code.", nullptr, online); break;
    case State::Connecting: tip = tr("Connecting to the household's host…"); break;
    case State::Connected: tip = tr("Live: changes by others appear as they happen."); break;
    case State::Reconnecting:
    case State::Disconnected: tip = tr("The host cannot be reached. Your changes are kept here and sent when it is back."); break;
    case State::Error: tip = m_status.detail().isEmpty() ? ConnectionStatus::stateText(state) : m_status.detail(); break;
    }
    if (pending > 0)
        tip += QLatin1Char('\n') + tr("Saved on this device, waiting for the host to confirm: %n change(s).", nullptr, pending);
    setToolTip(tip);
}

} // namespace hearth
