#pragma once

#include <QByteArray>
#include <QString>

#include <initializer_list>
#include <utility>

namespace Rwb {

// A streaming writer of indented JSON (4 spaces, as QJsonDocument::Indented), keys in the order written.
// Hand-written because Qt has none: building a QJsonObject tree and serialising it was half of rwb's
// main-thread time on a 1,000-hop trace (tests/bench/README.md).
class JsonWriter
{
public:
    void beginObject() { open('{'); }
    void endObject() { close('}'); }
    void beginArray() { open('['); }
    void endArray() { close(']'); }
    void key(const char *name);     // written as it is: for the program's own ASCII key names
    void key(const QString &name);  // escaped: for keys that are data (variable names)

    void value(bool b);
    void value(int i);
    void value(qint64 i);
    void value(double d);  // shortest round-trip form; NaN and infinities become null
    void value(const QString &s) { string(s.toUtf8()); }
    void null();
    // A string from UTF-8 bytes (escaped as JSON requires).
    void string(const QByteArray &utf8);
    // `key`: the bytes as a string when they are UTF-8, else `keyBase64`: them in base64. Nothing when
    // the bytes are empty. (Bodies in traces, sessions and sandbox rules.)
    void bytesField(const char *key, const char *keyBase64, const QByteArray &bytes);
    // An object whose members are all strings, in the order given: {"name": "...", "value": "..."}.
    void stringObject(std::initializer_list<std::pair<const char *, QString>> members);

    // The document, with a final newline.
    QByteArray finish();
    void reserve(qsizetype bytes) { m_out.reserve(bytes); }

private:
    void element();
    void open(char c);
    void close(char c);

    QByteArray m_out;
    int m_depth = 0;
    int m_count[64] = {};
    bool m_afterKey = false;
};

}  // namespace Rwb
