#include "EpollEventDispatcher.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSocketNotifier>

#include <cerrno>
#include <ctime>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcDispatcher, "hearth.dispatcher", QtWarningMsg)

namespace hearth {

namespace {

constexpr quint32 kReadFlags = EPOLLIN | EPOLLHUP | EPOLLERR;
constexpr quint32 kWriteFlags = EPOLLOUT | EPOLLERR;
constexpr quint32 kExceptionFlags = EPOLLPRI;
constexpr int kMaxEvents = 1024;

qint64 nowNs()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

} // namespace

bool EpollEventDispatcher::installIfAvailable()
{
    auto *dispatcher = new EpollEventDispatcher;
    if (!dispatcher->isValid()) {
        delete dispatcher;
        return false;
    }
    QCoreApplication::setEventDispatcher(dispatcher);
    return true;
}

EpollEventDispatcher::EpollEventDispatcher(QObject *parent)
    : QAbstractEventDispatcher(parent)
    , m_epoll(epoll_create1(EPOLL_CLOEXEC))
    , m_wakeFd(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK))
{
    if (m_epoll < 0 || m_wakeFd < 0) {
        qCWarning(lcDispatcher) << "epoll/eventfd unavailable:" << strerror(errno);
        return;
    }
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.fd = m_wakeFd;
    epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_wakeFd, &ev);
}

EpollEventDispatcher::~EpollEventDispatcher()
{
    if (m_wakeFd >= 0)
        ::close(m_wakeFd);
    if (m_epoll >= 0)
        ::close(m_epoll);
}

void EpollEventDispatcher::updateWatch(int fd, Watch &watch)
{
    quint32 wanted = 0;
    if (watch.notifiers[QSocketNotifier::Read])
        wanted |= EPOLLIN;
    if (watch.notifiers[QSocketNotifier::Write])
        wanted |= EPOLLOUT;
    if (watch.notifiers[QSocketNotifier::Exception])
        wanted |= EPOLLPRI;
    if (wanted == watch.events)
        return;
    epoll_event ev{};
    ev.events = wanted;
    ev.data.fd = fd;
    if (wanted == 0) {
        // The descriptor may be closed already (then the kernel dropped it from the set itself).
        epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, &ev);
    } else if (watch.events == 0) {
        if (epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &ev) != 0 && errno == EEXIST)
            epoll_ctl(m_epoll, EPOLL_CTL_MOD, fd, &ev);
    } else if (epoll_ctl(m_epoll, EPOLL_CTL_MOD, fd, &ev) != 0 && errno == ENOENT) {
        // Closed and reopened under the same number without our knowing: start over.
        epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &ev);
    }
    watch.events = wanted;
}

void EpollEventDispatcher::registerSocketNotifier(QSocketNotifier *notifier)
{
    const int fd = int(notifier->socket());
    const int type = int(notifier->type());
    if (fd < 0 || type < 0 || type > 2)
        return;
    auto it = m_watches.find(fd);
    if (it == m_watches.end()) {
        it = m_watches.insert(fd, Watch{});
        it->serial = m_nextSerial++;
    }
    if (it->notifiers[type] && it->notifiers[type] != notifier)
        qCWarning(lcDispatcher) << "multiple socket notifiers for descriptor" << fd << "and type" << type;
    it->notifiers[type] = notifier;
    updateWatch(fd, *it);
}

void EpollEventDispatcher::unregisterSocketNotifier(QSocketNotifier *notifier)
{
    const int fd = int(notifier->socket());
    const int type = int(notifier->type());
    const auto it = m_watches.find(fd);
    if (it == m_watches.end() || type < 0 || type > 2 || it->notifiers[type] != notifier)
        return;
    it->notifiers[type] = nullptr;
    updateWatch(fd, *it);
    if (it->events == 0)
        m_watches.erase(it);
}

void EpollEventDispatcher::schedule(Timer &timer, qint64 dueNs)
{
    if (timer.due != m_timerQueue.end())
        m_timerQueue.erase(timer.due);
    timer.due = m_timerQueue.emplace(dueNs, timer.id);
}

void EpollEventDispatcher::registerTimer(int timerId, qint64 interval, Qt::TimerType timerType, QObject *object)
{
    if (timerId < 1 || interval < 0 || !object)
        return;
    unregisterTimer(timerId);
    Timer timer;
    timer.id = timerId;
    timer.intervalMs = interval;
    timer.type = timerType;
    timer.object = object;
    timer.due = m_timerQueue.end();
    Timer &stored = *m_timers.insert(timerId, timer);
    schedule(stored, nowNs() + interval * 1000000);
}

bool EpollEventDispatcher::unregisterTimer(int timerId)
{
    const auto it = m_timers.find(timerId);
    if (it == m_timers.end())
        return false;
    if (it->due != m_timerQueue.end())
        m_timerQueue.erase(it->due);
    m_timers.erase(it);
    return true;
}

bool EpollEventDispatcher::unregisterTimers(QObject *object)
{
    bool any = false;
    for (auto it = m_timers.begin(); it != m_timers.end();) {
        if (it->object == object) {
            if (it->due != m_timerQueue.end())
                m_timerQueue.erase(it->due);
            it = m_timers.erase(it);
            any = true;
        } else {
            ++it;
        }
    }
    return any;
}

QList<QAbstractEventDispatcher::TimerInfo> EpollEventDispatcher::registeredTimers(QObject *object) const
{
    QList<TimerInfo> list;
    for (const Timer &t : m_timers)
        if (t.object == object)
            list.append(TimerInfo(t.id, int(t.intervalMs), t.type));
    return list;
}

int EpollEventDispatcher::remainingTime(int timerId)
{
    const auto it = m_timers.constFind(timerId);
    if (it == m_timers.cend())
        return -1;
    const qint64 left = it->due->first - nowNs();
    return left <= 0 ? 0 : int((left + 999999) / 1000000);
}

qint64 EpollEventDispatcher::nextTimerNs() const
{
    return m_timerQueue.empty() ? -1 : m_timerQueue.begin()->first;
}

void EpollEventDispatcher::wakeUp()
{
    if (m_wakeUpPending.exchange(true))
        return;
    const quint64 one = 1;
    [[maybe_unused]] const auto written = ::write(m_wakeFd, &one, sizeof one);
}

void EpollEventDispatcher::interrupt()
{
    m_interrupt.store(true);
    wakeUp();
}

int EpollEventDispatcher::activateSocketNotifiers(const std::vector<Ready> &ready)
{
    int activated = 0;
    QEvent event(QEvent::SockAct);
    // Look the notifier up again before each delivery: an earlier one may have switched it off,
    // deleted it, or closed the descriptor and opened another under the same number.
    const auto deliver = [&](const Ready &r, int type) {
        const auto it = m_watches.constFind(r.fd);
        if (it == m_watches.cend() || it->serial != r.serial)
            return;
        if (QSocketNotifier *notifier = it->notifiers[type]) {
            QCoreApplication::sendEvent(notifier, &event);
            ++activated;
        }
    };
    for (const Ready &r : ready) {
        if (r.events & kReadFlags)
            deliver(r, QSocketNotifier::Read);
        if (r.events & kWriteFlags)
            deliver(r, QSocketNotifier::Write);
        if (r.events & kExceptionFlags)
            deliver(r, QSocketNotifier::Exception);
    }
    return activated;
}

int EpollEventDispatcher::activateTimers()
{
    if (m_timerQueue.empty())
        return 0;
    const qint64 now = nowNs();
    // The timers due now, in due order; those started while these fire wait for the next round.
    std::vector<int> due;
    for (auto it = m_timerQueue.begin(); it != m_timerQueue.end() && it->first <= now; ++it)
        due.push_back(it->second);
    int activated = 0;
    for (const int id : due) {
        auto it = m_timers.find(id);
        if (it == m_timers.end() || it->firing || it->due->first > now)
            continue;
        const qint64 interval = it->intervalMs * 1000000;
        qint64 next = it->due->first + interval;
        if (next <= now)
            next = now + interval;
        schedule(*it, next);
        it->firing = true;
        QObject *object = it->object;
        QTimerEvent event(id);
        QCoreApplication::sendEvent(object, &event);
        ++activated;
        it = m_timers.find(id); // the handler may have stopped it, or another timer took its id
        if (it != m_timers.end())
            it->firing = false;
    }
    return activated;
}

bool EpollEventDispatcher::processEvents(QEventLoop::ProcessEventsFlags flags)
{
    m_interrupt.store(false);
    Q_EMIT awake();
    QCoreApplication::sendPostedEvents();

    const bool includeTimers = !(flags & QEventLoop::X11ExcludeTimers);
    const bool includeNotifiers = !(flags & QEventLoop::ExcludeSocketNotifiers);
    const bool canWait = (flags & QEventLoop::WaitForMoreEvents) && !m_interrupt.load();
    if (canWait)
        Q_EMIT aboutToBlock();
    if (m_interrupt.load())
        return false;

    int timeoutMs = 0;
    if (canWait) {
        const qint64 next = includeTimers ? nextTimerNs() : -1;
        if (next < 0) {
            timeoutMs = -1;
        } else {
            const qint64 left = next - nowNs();
            timeoutMs = left <= 0 ? 0 : int(std::min<qint64>((left + 999999) / 1000000, 24 * 3600 * 1000));
        }
    }

    epoll_event events[kMaxEvents];
    int n = epoll_wait(m_epoll, events, kMaxEvents, timeoutMs);
    if (n < 0) {
        if (errno != EINTR)
            qCWarning(lcDispatcher) << "epoll_wait:" << strerror(errno);
        n = 0;
    }

    int activated = 0;
    std::vector<Ready> ready;
    ready.reserve(size_t(n));
    for (int i = 0; i < n; ++i) {
        const int fd = events[i].data.fd;
        if (fd == m_wakeFd) {
            quint64 value = 0;
            [[maybe_unused]] const auto got = ::read(m_wakeFd, &value, sizeof value);
            m_wakeUpPending.store(false);
            ++activated; // posted events are sent at the start of the next call
            continue;
        }
        const auto it = m_watches.constFind(fd);
        if (it != m_watches.cend())
            ready.push_back({fd, it->serial, events[i].events});
    }
    if (includeNotifiers)
        activated += activateSocketNotifiers(ready);
    if (includeTimers)
        activated += activateTimers();
    return activated > 0;
}

} // namespace hearth
