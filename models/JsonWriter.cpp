#include "JsonWriter.h"

#include <QJsonArray>
#include <QLocale>

#include <limits>
#include <utility>

namespace hearth::json {

void writeString(QByteArray &out, QStringView text)
{
    const QByteArray utf8 = text.toUtf8();
    const char *const bytes = utf8.constData();
    out += '"';
    qsizetype plain = 0; // start of the run that needs no escaping: appended in one piece
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        const auto u = static_cast<unsigned char>(bytes[i]);
        if (u >= 0x20 && u != '"' && u != '\\')
            continue;
        out.append(bytes + plain, i - plain);
        plain = i + 1;
        switch (u) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default: {
            static const char hex[] = "0123456789abcdef";
            out += "\\u00";
            out += hex[u >> 4];
            out += hex[u & 0xf];
        }
        }
    }
    out.append(bytes + plain, utf8.size() - plain);
    out += '"';
}

void writeObject(QByteArray &out, const QJsonObject &object)
{
    out += '{';
    bool first = true;
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!std::exchange(first, false))
            out += ',';
        writeString(out, it.key());
        out += ':';
        writeValue(out, it.value());
    }
    out += '}';
}

void writeValue(QByteArray &out, const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined: out += "null"; break;
    case QJsonValue::Bool: out += value.toBool() ? "true" : "false"; break;
    case QJsonValue::String: writeString(out, value.toString()); break;
    case QJsonValue::Object: writeObject(out, value.toObject()); break;
    case QJsonValue::Array: {
        out += '[';
        bool first = true;
        for (const QJsonValue &v : value.toArray()) {
            if (!std::exchange(first, false))
                out += ',';
            writeValue(out, v);
        }
        out += ']';
        break;
    }
    case QJsonValue::Double: {
        constexpr qint64 none = std::numeric_limits<qint64>::min();
        const double d = value.toDouble();
        const qint64 i = value.toInteger(none);
        if (i != none)
            out += QByteArray::number(i);
        else if (qIsFinite(d))
            out += QByteArray::number(d, 'g', QLocale::FloatingPointShortest);
        else
            out += "null";
        break;
    }
    }
}

QByteArray compact(const QJsonObject &object)
{
    QByteArray out;
    out.reserve(256);
    writeObject(out, object);
    return out;
}

} // namespace hearth::json
