// Which reader a file goes to: decided from its first bytes, the extension only settling files
// whose content names no format.

#include "StatementReader.h"
#include "StatementText.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

namespace hearth {

using namespace statements;

namespace {

QString formatFromContent(const QByteArray &head, const QString &suffix)
{
    const QString encoding = detectEncoding(head);
    const QString text = decodeLeniently(head, encoding).trimmed();
    const QString lower = text.left(4096).toLower();
    if (lower.startsWith(QLatin1String("ofxheader")) || lower.contains(QLatin1String("<?ofx")) || lower.contains(QLatin1String("<ofx>")))
        return QStringLiteral("ofx");
    if (lower.startsWith(u'<'))
        return QStringLiteral("camt.053"); // any other XML: the CAMT reader names its namespace
    if (lower.startsWith(QLatin1String("!type:")) || lower.startsWith(QLatin1String("!account"))
        || lower.startsWith(QLatin1String("!option")) || lower.startsWith(QLatin1String("!clear")))
        return QStringLiteral("qif");
    if (suffix == QLatin1String("qif"))
        return QStringLiteral("qif");
    if (suffix == QLatin1String("ofx") || suffix == QLatin1String("qfx"))
        return QStringLiteral("ofx");
    return QStringLiteral("csv");
}

} // namespace

QString statementFormat(const QString &path, StatementError *error)
{
    const QFileInfo info(path);
    const QString name = info.fileName();
    if (!info.exists()) {
        setError(error, name, 0, Messages::tr("The file does not exist."));
        return {};
    }
    if (!checkSize(info.size(), name, error))
        return {};
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        setError(error, name, 0, Messages::tr("The file cannot be opened: %1.").arg(file.errorString()));
        return {};
    }
    const QByteArray head = file.read(64 * 1024);
    // Binary content is refused whatever the name says (UTF-16 text has NUL bytes but a BOM).
    const QString encoding = detectEncoding(head);
    if (!encoding.startsWith(QLatin1String("UTF-16"))) {
        if (const qsizetype nul = head.indexOf('\0'); nul >= 0) {
            setError(error, name, int(head.first(nul).count('\n')) + 1,
                     Messages::tr("The file holds NUL bytes, so it is not a text file (or is UTF-16 without a byte-order mark)."));
            return {};
        }
    }
    return formatFromContent(head, info.suffix().toLower());
}

std::optional<Statement> readStatement(const QString &path, const StatementReadOptions &options, StatementError *error)
{
    const QString format = statementFormat(path, error);
    if (format.isEmpty())
        return std::nullopt;
    if (format == QLatin1String("ofx"))
        return readOfx(path, options, error);
    const QString name = QFileInfo(path).fileName();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        setError(error, name, 0, Messages::tr("The file cannot be opened: %1.").arg(file.errorString()));
        return std::nullopt;
    }
    const QByteArray data = file.readAll();
    if (format == QLatin1String("qif"))
        return readQif(data, name, options, error);
    if (format == QLatin1String("camt.053"))
        return readCamt(data, name, options, error);
    return readCsv(data, name, options, error);
}

} // namespace hearth
