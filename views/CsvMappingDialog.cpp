#include "CsvMappingDialog.h"

#include "Theme.h"

#include <QComboBox>
#include <QGuiApplication>
#include <QScreen>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSettings>
#include <QTableWidget>
#include <QVBoxLayout>

namespace hearth {

namespace {

constexpr int kPreviewRows = 8;
constexpr int kPreviewRecords = 60;

const QList<CsvColumnRole> &roles()
{
    static const QList<CsvColumnRole> list = {CsvColumnRole::Ignore, CsvColumnRole::Date,  CsvColumnRole::Amount, CsvColumnRole::Debit,
                                              CsvColumnRole::Credit, CsvColumnRole::Payee, CsvColumnRole::Memo};
    return list;
}

QString roleLabel(CsvColumnRole role)
{
    switch (role) {
    case CsvColumnRole::Date: return CsvMappingDialog::tr("Date");
    case CsvColumnRole::Amount: return CsvMappingDialog::tr("Amount");
    case CsvColumnRole::Debit: return CsvMappingDialog::tr("Debit (out)");
    case CsvColumnRole::Credit: return CsvMappingDialog::tr("Credit (in)");
    case CsvColumnRole::Payee: return CsvMappingDialog::tr("Payee");
    case CsvColumnRole::Memo: return CsvMappingDialog::tr("Memo");
    case CsvColumnRole::Ignore: break;
    }
    return CsvMappingDialog::tr("Ignore");
}

QString shortened(const QStringList &cells, QChar delimiter)
{
    QString text = cells.join(delimiter == u'\t' ? QStringLiteral(" ⇥ ") : QString(delimiter) + u' ').simplified();
    if (text.size() > 60)
        text = text.left(59) + u'…';
    return text;
}

QComboBox *makeCombo(const QString &objectName, QWidget *parent)
{
    auto *combo = new QComboBox(parent);
    combo->setObjectName(objectName);
    combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    combo->setMinimumContentsLength(12);
    return combo;
}

} // namespace

CsvMappingDialog::CsvMappingDialog(const CsvSniff &sniff, QSettings &settings, QWidget *parent)
    : FormDialog(parent)
    , m_sniff(sniff)
    , m_settings(settings)
    , m_mapping(sniff.mapping)
{
    setObjectName(QStringLiteral("csvMappingDialog"));
    if (const std::optional<CsvMapping> remembered = rememberedCsvMapping(settings, sniff.headerSignature)) {
        m_mapping = *remembered;
        m_remembered = true;
    }
    setHeading(tr("Read %1").arg(sniff.file),
               m_remembered ? tr("This bank's layout is known from an earlier import. Check the preview, then import.")
                            : tr("Hearth guessed how this bank writes its file. Correct what is wrong; the preview follows."));
    setSaveText(tr("Use these columns"));

    m_encoding = makeCombo(QStringLiteral("encodingCombo"), this);
    for (const char *encoding : {"UTF-8", "UTF-16LE", "UTF-16BE", "Windows-1252"})
        m_encoding->addItem(QString::fromLatin1(encoding), QString::fromLatin1(encoding));
    addField(tr("Encoding"), m_encoding, QStringLiteral("encoding"));

    m_delimiter = makeCombo(QStringLiteral("delimiterCombo"), this);
    m_delimiter->addItem(tr("Comma ( , )"), QString(u','));
    m_delimiter->addItem(tr("Semicolon ( ; )"), QString(u';'));
    m_delimiter->addItem(tr("Tab"), QString(u'\t'));
    m_delimiter->addItem(tr("Vertical bar ( | )"), QString(u'|'));
    addField(tr("Delimiter"), m_delimiter, QStringLiteral("delimiter"));

    m_decimal = makeCombo(QStringLiteral("decimalCombo"), this);
    m_decimal->addItem(tr("Point: 1,234.56"), QString(u'.'));
    m_decimal->addItem(tr("Comma: 1.234,56"), QString(u','));
    addField(tr("Decimal separator"), m_decimal, QStringLiteral("decimal"));

    m_dateFormat = makeCombo(QStringLiteral("dateFormatCombo"), this);
    m_dateFormat->setEditable(true);
    m_dateFormat->setInsertPolicy(QComboBox::NoInsert);
    for (const char *format : {"yyyy-MM-dd", "dd.MM.yyyy", "dd.MM.yy", "dd/MM/yyyy", "MM/dd/yyyy", "dd/MM/yy", "MM/dd/yy",
                               "dd-MM-yyyy", "yyyy/MM/dd", "yyyyMMdd"})
        m_dateFormat->addItem(QString::fromLatin1(format));
    addField(tr("Date format"), m_dateFormat, QStringLiteral("dateFormat"),
             tr("dd = day, MM = month, yyyy = year; the separator does not matter"));

    m_header = makeCombo(QStringLiteral("headerCombo"), this);
    addField(tr("Header row"), m_header, QStringLiteral("header"), tr("Rows above it are the bank's preamble and are skipped"));

    // The file's columns as rows (a bank's file may have twenty columns; the dialog never scrolls
    // sideways): name, role and an example; below it, what the first rows read as.
    m_columns = new QTableWidget(this);
    m_columns->setObjectName(QStringLiteral("columnsTable"));
    m_preview = new QTableWidget(this);
    m_preview->setObjectName(QStringLiteral("previewTable"));
    for (QTableWidget *table : {m_columns, m_preview}) {
        table->setEditTriggers(QAbstractItemView::NoEditTriggers);
        table->setSelectionMode(QAbstractItemView::NoSelection);
        table->verticalHeader()->setVisible(false);
        table->horizontalHeader()->setStretchLastSection(true);
        table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
        table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        table->setWordWrap(false);
        table->setMinimumHeight(8 * fontMetrics().height());
    }
    const QScreen *screen = this->screen() ? this->screen() : QGuiApplication::primaryScreen();
    const int room = screen ? screen->availableGeometry().width() - 24 * Theme::kGrid : 640;
    m_columns->setMinimumWidth(qBound(40 * Theme::kGrid, 80 * Theme::kGrid, room));
    addContent(m_columns);
    addContent(m_preview);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("previewStatus"));
    m_status->setWordWrap(true);
    addContent(m_status);

    applyMappingToEditors();
    // Changes made while the editors are filled in are not the user's.
    const auto edited = [this] {
        if (m_updating)
            return;
        readEditors();
        refreshPreview();
    };
    for (QComboBox *combo : {m_encoding, m_delimiter, m_decimal, m_header})
        connect(combo, &QComboBox::currentIndexChanged, this, edited);
    connect(m_dateFormat, &QComboBox::currentTextChanged, this, edited);
    refreshPreview();
}

int CsvMappingDialog::previewRows() const
{
    return m_preview->rowCount();
}

void CsvMappingDialog::applyMappingToEditors()
{
    m_updating = true;
    const auto select = [](QComboBox *combo, const QString &value) {
        const int index = combo->findData(value);
        combo->setCurrentIndex(index >= 0 ? index : 0);
    };
    select(m_encoding, m_mapping.encoding);
    select(m_delimiter, QString(m_mapping.delimiter));
    select(m_decimal, QString(m_mapping.decimalSeparator));
    m_dateFormat->setCurrentText(m_mapping.dateFormat);
    m_updating = false;
}

void CsvMappingDialog::readEditors()
{
    if (m_updating)
        return;
    m_mapping.encoding = m_encoding->currentData().toString();
    m_mapping.delimiter = m_delimiter->currentData().toString().front();
    m_mapping.decimalSeparator = m_decimal->currentData().toString().front();
    m_mapping.dateFormat = m_dateFormat->currentText().trimmed();
    if (m_header->currentIndex() >= 0) {
        const int header = m_header->currentData().toInt();
        m_mapping.headerRecord = header;
        m_mapping.firstDataRecord = header + 1;
    }
}

void CsvMappingDialog::refreshPreview()
{
    m_updating = true;
    // The records as the current encoding and delimiter split them; the header choices follow.
    m_records = csvRecords(m_sniff.head, m_mapping, kPreviewRecords);
    m_header->clear();
    m_header->addItem(tr("None: every row is a transaction"), -1);
    for (int i = 0; i < m_records.records.size() && i < 20; ++i)
        m_header->addItem(tr("Line %1: %2").arg(m_records.lines[i]).arg(shortened(m_records.records[i], m_mapping.delimiter)), i);
    m_header->setCurrentIndex(qMax(0, m_header->findData(m_mapping.headerRecord)));
    m_updating = false;

    int columns = 0;
    for (const QStringList &record : std::as_const(m_records.records))
        columns = qMax(columns, int(record.size()));
    columns = qMin(columns, 60);
    const QStringList header = m_mapping.headerRecord >= 0 && m_mapping.headerRecord < m_records.records.size()
        ? m_records.records[m_mapping.headerRecord]
        : QStringList();
    QList<int> dataRecords;
    for (int i = qMax(0, m_mapping.firstDataRecord); i < m_records.records.size() && dataRecords.size() < kPreviewRows; ++i)
        dataRecords.append(i);
    const QStringList example = dataRecords.isEmpty() ? QStringList() : m_records.records[dataRecords.first()];

    m_columns->clear();
    m_roles.clear();
    m_columns->setColumnCount(3);
    m_columns->setRowCount(columns);
    m_columns->setHorizontalHeaderLabels({tr("Column"), tr("Role"), tr("First row")});
    for (int column = 0; column < columns; ++column) {
        const QString name = column < header.size() && !header[column].trimmed().isEmpty() ? header[column].simplified()
                                                                                            : tr("Column %1").arg(column + 1);
        m_columns->setItem(column, 0, new QTableWidgetItem(name));
        auto *role = new QComboBox(m_columns);
        role->setObjectName(QStringLiteral("roleCombo%1").arg(column));
        for (const CsvColumnRole r : roles())
            role->addItem(roleLabel(r), int(r));
        role->setCurrentIndex(int(roles().indexOf(m_mapping.role(column))));
        connect(role, &QComboBox::currentIndexChanged, this, [this, column, role] {
            m_mapping.setRole(column, static_cast<CsvColumnRole>(role->currentData().toInt()));
            // Rebuilt after this signal returns: the combo that sent it is among those replaced.
            QMetaObject::invokeMethod(this, &CsvMappingDialog::refreshPreview, Qt::QueuedConnection);
        });
        m_columns->setCellWidget(column, 1, role);
        m_roles.append(role);
        auto *sample = new QTableWidgetItem(example.value(column).simplified());
        sample->setToolTip(sample->text());
        m_columns->setItem(column, 2, sample);
    }

    const QLocale locale;
    m_readable = 0;
    m_firstProblem.clear();
    m_preview->clear();
    m_preview->setColumnCount(4);
    m_preview->setRowCount(int(dataRecords.size()));
    m_preview->setHorizontalHeaderLabels({tr("Line"), tr("Date"), tr("Amount"), tr("Payee")});
    for (int row = 0; row < dataRecords.size(); ++row) {
        const int record = dataRecords[row];
        const int line = m_records.lines[record];
        m_preview->setItem(row, 0, new QTableWidgetItem(QString::number(line)));
        QString problem;
        if (!m_mapping.isComplete())
            continue;
        if (const std::optional<StatementRow> parsed = csvRow(m_records.records[record], line, m_mapping, &problem, header)) {
            ++m_readable;
            m_preview->setItem(row, 1, new QTableWidgetItem(locale.toString(parsed->date, QLocale::ShortFormat)));
            auto *amount = new QTableWidgetItem(locale.toString(double(parsed->amountCents) / 100.0, 'f', 2));
            amount->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_preview->setItem(row, 2, amount);
            m_preview->setItem(row, 3, new QTableWidgetItem(parsed->payee));
        } else {
            // The problem across the row: it says which column.
            auto *item = new QTableWidgetItem(problem);
            item->setForeground(Theme::danger());
            item->setToolTip(problem);
            m_preview->setItem(row, 1, item);
            m_preview->setSpan(row, 1, 1, 3);
            if (m_firstProblem.isEmpty())
                m_firstProblem = tr("Line %1, %2").arg(line).arg(problem);
        }
    }
    for (QTableWidget *table : {m_columns, m_preview}) {
        table->resizeColumnsToContents();
        for (int column = 0; column + 1 < table->columnCount(); ++column)
            table->setColumnWidth(column, qMin(table->columnWidth(column), 32 * fontMetrics().averageCharWidth()));
    }

    if (!m_mapping.isComplete())
        m_status->setText(tr("Choose which column holds the date, and which the amount (or debit and credit)."));
    else if (!m_firstProblem.isEmpty())
        m_status->setText(m_firstProblem);
    else
        m_status->setText(tr("%n preview row(s) read correctly.", nullptr, m_readable));
}

MutationResult CsvMappingDialog::save()
{
    readEditors();
    if (!m_mapping.isComplete())
        return MutationResult::failure(QStringLiteral("invalid"),
                                       tr("Choose which column holds the date, and which the amount (or debit and credit)."));
    if (!m_firstProblem.isEmpty())
        return MutationResult::failure(QStringLiteral("invalid"), m_firstProblem);
    rememberCsvMapping(m_settings, m_sniff.headerSignature, m_mapping);
    MutationResult result;
    result.ok = true;
    return result;
}

} // namespace hearth
