#include "StatementText.h"

#include "StatementReader.h"

#include <QCoreApplication>
#include <QDate>
#include <QStringDecoder>

#include <array>

namespace hearth::statements {

namespace {

// Windows-1252's 0x80–0x9F (the rest is Latin-1); 0 where the code page leaves a byte undefined.
constexpr std::array<char16_t, 32> kCp1252High = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

int lineOfByte(const QByteArray &data, qsizetype pos)
{
    return int(QByteArrayView(data).first(qMin(pos, data.size())).count('\n')) + 1;
}

// The offset of the first byte that is not part of valid UTF-8 (overlong forms, surrogates and
// code points above U+10FFFF are invalid), or -1.
qsizetype firstInvalidUtf8(const QByteArray &data)
{
    const auto *p = reinterpret_cast<const unsigned char *>(data.constData());
    const qsizetype n = data.size();
    qsizetype i = 0;
    while (i < n) {
        const unsigned char c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        int extra = 0;
        char32_t cp = 0;
        if (c >= 0xC2 && c <= 0xDF) {
            extra = 1;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            extra = 2;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            extra = 3;
            cp = c & 0x07;
        } else {
            return i;
        }
        if (i + extra >= n)
            return i; // cut off at the end
        for (int k = 1; k <= extra; ++k) {
            if ((p[i + k] & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        if ((extra == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
            return i;
        i += extra + 1;
    }
    return -1;
}

bool isUtf16(const QString &encoding)
{
    return encoding.startsWith(QLatin1String("UTF-16"), Qt::CaseInsensitive);
}

QStringConverter::Encoding utf16Of(const QString &encoding)
{
    return encoding.compare(QLatin1String("UTF-16BE"), Qt::CaseInsensitive) == 0 ? QStringConverter::Utf16BE
                                                                                   : QStringConverter::Utf16LE;
}

QString decodeCp1252(const QByteArray &data, qsizetype *undefinedAt)
{
    QString text(data.size(), Qt::Uninitialized);
    QChar *out = text.data();
    for (qsizetype i = 0; i < data.size(); ++i) {
        const auto c = static_cast<unsigned char>(data[i]);
        if (c >= 0x80 && c < 0xA0) {
            const char16_t mapped = kCp1252High[c - 0x80];
            if (!mapped && undefinedAt && *undefinedAt < 0)
                *undefinedAt = i;
            out[i] = QChar(mapped ? mapped : char16_t(0xFFFD));
        } else {
            out[i] = QChar(char16_t(c));
        }
    }
    return text;
}

// Control characters that never occur in a text statement (tab, line breaks, form feed and a
// trailing DOS end-of-file mark do).
qsizetype firstBinaryChar(const QString &text)
{
    const QChar *p = text.constData();
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t c = p[i].unicode();
        if (c >= 0x20 || c == u'\t' || c == u'\n' || c == u'\r' || c == u'\f')
            continue;
        if (c == 0x1A && i == n - 1)
            continue;
        return i;
    }
    return -1;
}

} // namespace

int lineOf(QStringView text, qsizetype pos)
{
    return int(text.first(qMin(pos, text.size())).count(u'\n')) + 1;
}

QString detectEncoding(const QByteArray &data)
{
    if (data.startsWith("\xEF\xBB\xBF"))
        return QStringLiteral("UTF-8");
    if (data.startsWith("\xFF\xFE"))
        return QStringLiteral("UTF-16LE");
    if (data.startsWith("\xFE\xFF"))
        return QStringLiteral("UTF-16BE");
    return firstInvalidUtf8(data) < 0 ? QStringLiteral("UTF-8") : QStringLiteral("Windows-1252");
}

bool decodeText(const QByteArray &data, const QString &encoding, QString *text, int *line, QString *problem)
{
    *line = 0;
    if (isUtf16(encoding)) {
        QByteArray body = data;
        if (body.startsWith("\xFF\xFE") || body.startsWith("\xFE\xFF"))
            body.remove(0, 2);
        QStringDecoder decoder(utf16Of(encoding), QStringConverter::Flag::Stateless);
        *text = decoder.decode(body);
        if (body.size() % 2 != 0 || decoder.hasError() || !QStringView(*text).isValidUtf16()) {
            qsizetype bad = text->indexOf(QChar::ReplacementCharacter);
            *line = lineOf(*text, bad < 0 ? text->size() : bad);
            *problem = Messages::tr("is not valid %1 here (the file may be in another encoding)").arg(encoding);
            return false;
        }
    } else {
        if (const qsizetype nul = data.indexOf('\0'); nul >= 0) {
            *line = lineOfByte(data, nul);
            *problem = Messages::tr("holds NUL bytes, so it is not a text file (or is UTF-16 without a byte-order mark)");
            return false;
        }
        if (encoding.compare(QLatin1String("UTF-8"), Qt::CaseInsensitive) == 0) {
            const QByteArray body = data.startsWith("\xEF\xBB\xBF") ? data.mid(3) : data;
            if (const qsizetype bad = firstInvalidUtf8(body); bad >= 0) {
                *line = lineOfByte(body, bad);
                *problem = Messages::tr("is not valid UTF-8 here (the file may be in another encoding, such as Windows-1252)");
                return false;
            }
            *text = QString::fromUtf8(body);
        } else if (encoding.compare(QLatin1String("ISO-8859-1"), Qt::CaseInsensitive) == 0) {
            *text = QString::fromLatin1(data);
        } else {
            qsizetype undefined = -1;
            *text = decodeCp1252(data, &undefined);
            if (undefined >= 0) {
                *line = lineOfByte(data, undefined);
                *problem = Messages::tr("holds a byte that Windows-1252 does not define (the file may be in another encoding)");
                return false;
            }
        }
    }
    if (const qsizetype binary = firstBinaryChar(*text); binary >= 0) {
        *line = lineOf(*text, binary);
        *problem = Messages::tr("holds binary content (control characters), so it is not a text file");
        return false;
    }
    return true;
}

QString decodeLeniently(const QByteArray &data, const QString &encoding)
{
    if (isUtf16(encoding)) {
        QByteArray body = data;
        if (body.startsWith("\xFF\xFE") || body.startsWith("\xFE\xFF"))
            body.remove(0, 2);
        return QStringDecoder(utf16Of(encoding)).decode(body);
    }
    if (encoding.compare(QLatin1String("UTF-8"), Qt::CaseInsensitive) == 0)
        return QString::fromUtf8(data.startsWith("\xEF\xBB\xBF") ? data.mid(3) : data);
    if (encoding.compare(QLatin1String("ISO-8859-1"), Qt::CaseInsensitive) == 0)
        return QString::fromLatin1(data);
    return decodeCp1252(data, nullptr);
}

void setError(StatementError *error, const QString &fileName, int line, const QString &message)
{
    if (!error)
        return;
    error->file = fileName;
    error->line = line;
    error->message = message;
}

bool checkSize(qint64 size, const QString &fileName, StatementError *error)
{
    if (size <= 0) {
        setError(error, fileName, 0, Messages::tr("The file is empty."));
        return false;
    }
    if (size > kMaxStatementBytes) {
        setError(error, fileName, 0,
                 Messages::tr("The file is %1 MB; statements larger than %2 MB are not read.")
                     .arg(size / (1024 * 1024))
                     .arg(kMaxStatementBytes / (1024 * 1024)));
        return false;
    }
    return true;
}

namespace {

struct DateParts
{
    std::array<int, 3> value{};
    std::array<int, 3> digits{};
    int count = 0;
    QChar separator;
};

bool isDateSeparator(QChar c)
{
    return c == u'.' || c == u'/' || c == u'-' || c == u'\'' || c == u' ';
}

// "31.12.2025", " 1/ 2'25", "2025-01-02 10:00:00", "20250102".
bool splitDate(QStringView text, DateParts *parts)
{
    text = text.trimmed();
    qsizetype i = 0;
    const qsizetype n = text.size();
    while (parts->count < 3) {
        int value = 0;
        int digits = 0;
        while (i < n && text[i].isDigit() && text[i].unicode() < 128) {
            if (++digits > 8)
                return false;
            value = value * 10 + (text[i].unicode() - u'0');
            ++i;
        }
        if (digits == 0)
            return false;
        parts->value[parts->count] = value;
        parts->digits[parts->count] = digits;
        ++parts->count;
        if (parts->count == 1 && digits == 8)
            break; // compact yyyyMMdd / ddMMyyyy
        if (digits > 4)
            return false;
        if (parts->count == 3)
            break;
        int separators = 0;
        while (i < n && isDateSeparator(text[i]) && separators < 3) {
            if (parts->separator.isNull() && text[i] != u' ')
                parts->separator = text[i];
            ++i;
            ++separators;
        }
        if (separators == 0)
            return false;
    }
    // Whatever follows is a time ("10:00", "T10:00:00Z"), never more date.
    if (i < n && text[i] != u' ' && text[i] != u'T')
        return false;
    return true;
}

int fullYear(int year, int digits)
{
    if (digits >= 3)
        return year;
    return year < 70 ? 2000 + year : 1900 + year;
}

enum class Order { Dmy, Mdy, Ymd };

Order orderOf(const QString &format)
{
    const qsizetype y = format.indexOf(u'y'), m = format.indexOf(u'M'), d = format.indexOf(u'd');
    if (y >= 0 && y < m && y < d)
        return Order::Ymd;
    return m >= 0 && m < d ? Order::Mdy : Order::Dmy;
}

} // namespace

std::optional<QDate> parseDate(QStringView text, const QString &format)
{
    DateParts parts;
    if (!splitDate(text, &parts))
        return std::nullopt;
    const Order order = orderOf(format);
    int year = 0, month = 0, day = 0, yearDigits = 4;
    if (parts.count == 1) {
        const int v = parts.value[0];
        if (order == Order::Ymd) {
            year = v / 10000, month = v / 100 % 100, day = v % 100;
        } else if (order == Order::Dmy) {
            day = v / 1000000, month = v / 10000 % 100, year = v % 10000;
        } else {
            month = v / 1000000, day = v / 10000 % 100, year = v % 10000;
        }
    } else if (parts.count == 3) {
        const auto &v = parts.value;
        switch (order) {
        case Order::Ymd: year = v[0], month = v[1], day = v[2], yearDigits = parts.digits[0]; break;
        case Order::Dmy: day = v[0], month = v[1], year = v[2], yearDigits = parts.digits[2]; break;
        case Order::Mdy: month = v[0], day = v[1], year = v[2], yearDigits = parts.digits[2]; break;
        }
        if (order == Order::Ymd ? parts.digits[0] < 4 : (parts.digits[0] > 2 || parts.digits[1] > 2))
            return std::nullopt;
        if (order != Order::Ymd && parts.digits[2] != 2 && parts.digits[2] != 4)
            return std::nullopt;
    } else {
        return std::nullopt;
    }
    year = fullYear(year, yearDigits);
    if (year < 1900 || year > 2200)
        return std::nullopt;
    const QDate date(year, month, day);
    if (!date.isValid())
        return std::nullopt;
    return date;
}

QString guessDateFormat(const QStringList &samples, bool preferMonthFirst)
{
    // The separator and the year's digits from the first sample that looks like a date at all.
    DateParts first;
    bool found = false;
    for (const QString &sample : samples) {
        first = DateParts();
        if (splitDate(sample, &first)) {
            found = true;
            break;
        }
    }
    if (!found)
        return {};
    QStringList candidates;
    if (first.count == 1) {
        candidates = {QStringLiteral("yyyyMMdd"), QStringLiteral("ddMMyyyy"), QStringLiteral("MMddyyyy")};
    } else {
        const QString sep = first.separator.isNull() ? QStringLiteral(" ") : QString(first.separator);
        const QString year = first.digits[2] == 2 ? QStringLiteral("yy") : QStringLiteral("yyyy");
        const QString dmy = QStringLiteral("dd") + sep + QStringLiteral("MM") + sep + year;
        const QString mdy = QStringLiteral("MM") + sep + QStringLiteral("dd") + sep + year;
        candidates = {QStringLiteral("yyyy") + sep + QStringLiteral("MM") + sep + QStringLiteral("dd")};
        candidates << (preferMonthFirst ? mdy : dmy) << (preferMonthFirst ? dmy : mdy);
    }
    // The candidate that reads the most samples (earlier candidates win ties), so one bad date
    // is reported on its own line rather than spoiling the guess.
    QString best;
    qsizetype bestCount = 0;
    for (const QString &candidate : std::as_const(candidates)) {
        qsizetype count = 0;
        for (const QString &sample : samples) {
            if (parseDate(sample, candidate))
                ++count;
        }
        if (count > bestCount) {
            best = candidate;
            bestCount = count;
        }
    }
    return best;
}

namespace {

bool isSpaceLike(QChar c)
{
    return c == u' ' || c == QChar(0x00A0) || c == QChar(0x202F) || c == QChar(0x2009);
}

bool isMinus(QChar c)
{
    return c == u'-' || c == QChar(0x2212);
}

// Currency symbols and codes a bank may write next to an amount.
bool stripCurrency(QStringView *s)
{
    static const char16_t *const tokens[] = {u"US$", u"EUR", u"USD", u"GBP", u"CHF", u"CAD", u"AUD", u"SEK", u"NOK",
                                             u"DKK", u"PLN", u"CZK", u"JPY", u"Fr.", u"kr.", u"kr", u"zł", u"€",
                                             u"$", u"£", u"¥"};
    for (const char16_t *token : tokens) {
        const QStringView t(token);
        if (s->startsWith(t)) {
            *s = s->sliced(t.size());
            return true;
        }
        if (s->endsWith(t)) {
            s->chop(t.size());
            return true;
        }
    }
    return false;
}

QStringView trimmedAll(QStringView s)
{
    while (!s.isEmpty() && (s.front().isSpace() || isSpaceLike(s.front())))
        s = s.sliced(1);
    while (!s.isEmpty() && (s.back().isSpace() || isSpaceLike(s.back())))
        s.chop(1);
    return s;
}

} // namespace

std::optional<qint64> parseAmount(QStringView text, QChar decimal)
{
    QStringView s = trimmedAll(text);
    bool negative = false;
    if (s.size() >= 2 && s.front() == u'(' && s.back() == u')') {
        negative = true;
        s = trimmedAll(s.sliced(1, s.size() - 2));
    }
    if (s.endsWith(u"DR", Qt::CaseInsensitive) || s.endsWith(u"CR", Qt::CaseInsensitive)) {
        if (s.endsWith(u"DR", Qt::CaseInsensitive))
            negative = !negative;
        s = trimmedAll(s.chopped(2));
    }
    bool signSeen = false;
    for (int round = 0; round < 4; ++round) {
        bool changed = stripCurrency(&s);
        s = trimmedAll(s);
        if (!s.isEmpty() && !signSeen && (isMinus(s.front()) || s.front() == u'+')) {
            negative = isMinus(s.front()) ? !negative : negative;
            s = trimmedAll(s.sliced(1));
            signSeen = changed = true;
        } else if (!s.isEmpty() && !signSeen && (isMinus(s.back()) || s.back() == u'+')) {
            negative = isMinus(s.back()) ? !negative : negative;
            s = trimmedAll(s.chopped(1));
            signSeen = changed = true;
        }
        if (!changed)
            break;
    }
    if (s.isEmpty())
        return std::nullopt;
    const QChar thousands = decimal == u',' ? u'.' : u',';
    const qsizetype point = s.lastIndexOf(decimal);
    const QStringView whole = point >= 0 ? s.first(point) : s;
    const QStringView fraction = point >= 0 ? s.sliced(point + 1) : QStringView();
    if (point >= 0 && (fraction.isEmpty() || fraction.size() > 4))
        return std::nullopt;
    qint64 units = 0;
    int digits = 0;
    int groupDigits = 0;
    bool grouped = false;
    for (const QChar c : whole) {
        if (c.unicode() >= u'0' && c.unicode() <= u'9') {
            if (++digits > 13)
                return std::nullopt;
            units = units * 10 + (c.unicode() - u'0');
            ++groupDigits;
        } else if (c == thousands || isSpaceLike(c) || c == u'\'' || c == QChar(0x2019)) {
            // A thousands separator: after 1–3 digits at first, then after exactly 3.
            if (groupDigits == 0 || groupDigits > 3 || (grouped && groupDigits != 3))
                return std::nullopt;
            grouped = true;
            groupDigits = 0;
        } else {
            return std::nullopt;
        }
    }
    if (grouped && groupDigits != 3)
        return std::nullopt;
    if (digits == 0 && fraction.isEmpty())
        return std::nullopt;
    qint64 fractionValue = 0;
    for (const QChar c : fraction) {
        if (c.unicode() < u'0' || c.unicode() > u'9')
            return std::nullopt;
        fractionValue = fractionValue * 10 + (c.unicode() - u'0');
    }
    // To cents, rounding half away from zero when the bank writes more than two decimals.
    qint64 cents = 0;
    switch (fraction.size()) {
    case 0: cents = 0; break;
    case 1: cents = fractionValue * 10; break;
    case 2: cents = fractionValue; break;
    case 3: cents = (fractionValue + 5) / 10; break;
    default: cents = (fractionValue + 50) / 100; break;
    }
    const qint64 amount = units * 100 + cents;
    return negative ? -amount : amount;
}

QChar guessDecimalSeparator(const QStringList &samples, QChar fallback)
{
    int commaVotes = 0, pointVotes = 0;
    for (const QString &sample : samples) {
        const qsizetype comma = sample.lastIndexOf(u','), point = sample.lastIndexOf(u'.');
        if (comma >= 0 && point >= 0) {
            (comma > point ? commaVotes : pointVotes) += 2;
            continue;
        }
        const qsizetype at = comma >= 0 ? comma : point;
        if (at < 0)
            continue;
        const QChar mark = sample[at];
        if (sample.count(mark) > 1) { // "1.234.567": thousands
            (mark == u',' ? pointVotes : commaVotes) += 1;
            continue;
        }
        qsizetype after = 0;
        while (at + 1 + after < sample.size() && sample[at + 1 + after].isDigit())
            ++after;
        if (after == 1 || after == 2)
            (mark == u',' ? commaVotes : pointVotes) += 2;
    }
    if (commaVotes == pointVotes)
        return fallback;
    return commaVotes > pointVotes ? QChar(u',') : QChar(u'.');
}

} // namespace hearth::statements
