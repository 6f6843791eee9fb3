#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QStringView>

// A compact JSON writer that gives what QJsonDocument::toJson(Compact) gives (keys in QJsonObject's
// sorted order, integers as integers, UTF-8 unescaped) without building a document first: the host
// encodes an ack and an event per mutation, and QJsonDocument's detour through QCborValue was
// ~15 % of hearthd's CPU in the load benchmark (docs/benchmarks.md, "Live sync load"). The engine
// writes an event's entity with it once, for the event row and for the broadcast.
namespace hearth::json {

void writeString(QByteArray &out, QStringView text);
void writeValue(QByteArray &out, const QJsonValue &value);
void writeObject(QByteArray &out, const QJsonObject &object);

// Byte for byte QJsonDocument(object).toJson(QJsonDocument::Compact).
QByteArray compact(const QJsonObject &object);

} // namespace hearth::json
