#pragma once

#include <QAbstractEventDispatcher>
#include <QHash>

#include <atomic>
#include <map>
#include <vector>

class QSocketNotifier;

namespace hearth {

// An event dispatcher on Linux epoll for hearthd (docs/benchmarks.md, "Live sync load").
//
// Qt's own Unix dispatchers (glib's, and QEventDispatcherUNIX with QT_NO_GLIB=1) hand poll() an
// array of every socket on every wake-up, and the glib one also inserts into / removes from a
// linked list of every socket whenever a notifier is switched on or off — which QTcpSocket does
// for its write notifier on every buffered write. With 5,000 sockets that was about a third of
// hearthd's CPU. Here a wake-up costs the number of *ready* sockets, and switching a notifier is
// one epoll_ctl().
//
// Semantics follow QEventDispatcherUNIX: level-triggered readiness (read: IN|HUP|ERR, write:
// OUT|ERR, exception: PRI), posted events first, then socket notifiers, then due timers; timers
// are kept to the millisecond whatever their Qt::TimerType; wakeUp() is an eventfd.
// For the thread that creates it only (hearthd's main thread): QCoreApplication::setEventDispatcher
// before the application object is made.
class EpollEventDispatcher final : public QAbstractEventDispatcher
{
    Q_OBJECT

public:
    explicit EpollEventDispatcher(QObject *parent = nullptr);
    ~EpollEventDispatcher() override;

    // False when epoll or eventfd could not be set up (then use Qt's default dispatcher).
    bool isValid() const { return m_epoll >= 0 && m_wakeFd >= 0; }
    // Makes one the main thread's dispatcher when it is valid (call before the application object
    // exists); otherwise Qt's own stays. Returns whether it was installed.
    static bool installIfAvailable();

    bool processEvents(QEventLoop::ProcessEventsFlags flags) override;

    void registerSocketNotifier(QSocketNotifier *notifier) override;
    void unregisterSocketNotifier(QSocketNotifier *notifier) override;

    void registerTimer(int timerId, qint64 interval, Qt::TimerType timerType, QObject *object) override;
    bool unregisterTimer(int timerId) override;
    bool unregisterTimers(QObject *object) override;
    QList<TimerInfo> registeredTimers(QObject *object) const override;
    int remainingTime(int timerId) override;

    void wakeUp() override;
    void interrupt() override;

private:
    struct Watch
    {
        QSocketNotifier *notifiers[3] = {nullptr, nullptr, nullptr}; // by QSocketNotifier::Type
        quint32 events = 0;  // registered with epoll
        quint64 serial = 0;  // tells a reused descriptor from the one that was ready
    };
    struct Timer
    {
        int id = 0;
        qint64 intervalMs = 0;
        Qt::TimerType type = Qt::CoarseTimer;
        QObject *object = nullptr;
        std::multimap<qint64, int>::iterator due;
        bool firing = false; // not re-entered from a nested event loop
    };
    struct Ready
    {
        int fd;
        quint64 serial;
        quint32 events;
    };

    void updateWatch(int fd, Watch &watch);
    int activateSocketNotifiers(const std::vector<Ready> &ready);
    int activateTimers();
    void schedule(Timer &timer, qint64 dueNs);
    qint64 nextTimerNs() const;

    int m_epoll = -1;
    int m_wakeFd = -1;
    std::atomic<bool> m_wakeUpPending{false};
    std::atomic<bool> m_interrupt{false};
    QHash<int, Watch> m_watches;
    quint64 m_nextSerial = 1;
    QHash<int, Timer> m_timers;
    std::multimap<qint64, int> m_timerQueue; // due (steady clock, ns) -> timer id
};

} // namespace hearth
