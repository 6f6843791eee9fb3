#include "KioskSettingsSection.h"

#include "KioskSettings.h"
#include "Theme.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QSettings>
#include <QSpinBox>
#include <QTimeEdit>

namespace hearth {

KioskSettingsSection::KioskSettingsSection(QSettings &settings, QWidget *parent)
    : QWidget(parent)
    , m_settings(settings)
    , m_startInKiosk(new QCheckBox(tr("Start in kiosk mode (the kitchen screen)"), this))
    , m_idleMinutes(new QSpinBox(this))
    , m_nightFrom(new QTimeEdit(this))
    , m_nightTo(new QTimeEdit(this))
{
    setObjectName(QStringLiteral("kioskSettingsSection"));
    const KioskSettings current = KioskSettings::read(settings);
    m_startInKiosk->setObjectName(QStringLiteral("startInKioskCheck"));
    m_startInKiosk->setChecked(current.startInKiosk);
    m_idleMinutes->setObjectName(QStringLiteral("idleMinutesSpin"));
    m_idleMinutes->setRange(1, KioskSettings::kMaxIdleMinutes);
    m_idleMinutes->setSuffix(tr(" min"));
    m_idleMinutes->setValue(current.idleMinutes);
    for (QTimeEdit *edit : {m_nightFrom, m_nightTo})
        edit->setDisplayFormat(QStringLiteral("HH:mm"));
    m_nightFrom->setObjectName(QStringLiteral("nightFromEdit"));
    m_nightTo->setObjectName(QStringLiteral("nightToEdit"));
    m_nightFrom->setTime(current.nightFrom);
    m_nightTo->setTime(current.nightTo);

    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->setSpacing(Theme::kGrid);
    form->addRow(m_startInKiosk);
    form->addRow(tr("Ask who is using it after"), m_idleMinutes);
    auto *night = new QHBoxLayout;
    night->addWidget(m_nightFrom);
    night->addWidget(new QLabel(tr("to"), this));
    night->addWidget(m_nightTo);
    night->addStretch(1);
    form->addRow(tr("Dim the screen from"), night);
    auto *note = Theme::makeSubtitle(tr("Starting with --kiosk works without this. The same start and end time mean no night."), this);
    note->setWordWrap(true);
    form->addRow(note);

    connect(m_startInKiosk, &QCheckBox::toggled, this, &KioskSettingsSection::changed);
    connect(m_idleMinutes, &QSpinBox::valueChanged, this, &KioskSettingsSection::changed);
    connect(m_nightFrom, &QTimeEdit::timeChanged, this, &KioskSettingsSection::changed);
    connect(m_nightTo, &QTimeEdit::timeChanged, this, &KioskSettingsSection::changed);
}

KioskSettings KioskSettingsSection::values() const
{
    KioskSettings s;
    s.startInKiosk = m_startInKiosk->isChecked();
    s.idleMinutes = m_idleMinutes->value();
    s.nightFrom = m_nightFrom->time();
    s.nightTo = m_nightTo->time();
    return s;
}

void KioskSettingsSection::save()
{
    values().write(m_settings);
}

} // namespace hearth
