#pragma once

// Shared by the libFuzzer targets: a property check that stops the fuzzer like a crash does.

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <cstdio>
#include <cstdlib>

// Unlike Q_ASSERT, on in every build type; libFuzzer saves the input that triggered it.
#define FUZZ_CHECK(condition)                                                                       \
    do {                                                                                            \
        if (!(condition)) {                                                                         \
            std::fprintf(stderr, "FUZZ_CHECK failed: %s at %s:%d\n", #condition, __FILE__, __LINE__); \
            std::abort();                                                                           \
        }                                                                                           \
    } while (false)

namespace hearth::fuzz {

// JSON "\ud800" escapes give QStrings with lone surrogates, which UTF-8 cannot carry: encoding
// them is lossy by nature, so exact round-trip checks only apply to values without them.
inline bool isLossless(const QJsonValue &value);

inline bool isLossless(const QJsonObject &object)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!QStringView(it.key()).isValidUtf16() || !isLossless(it.value()))
            return false;
    }
    return true;
}

inline bool isLossless(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String: return QStringView(value.toString()).isValidUtf16();
    case QJsonValue::Object: return isLossless(value.toObject());
    case QJsonValue::Array:
        for (const QJsonValue &v : value.toArray()) {
            if (!isLossless(v))
                return false;
        }
        return true;
    default: return true;
    }
}

inline bool isLossless(const QString &text)
{
    return QStringView(text).isValidUtf16();
}

} // namespace hearth::fuzz
