#include "core/json/jsonwriter.h"

#include "core/http/trace.h"

#include <QLocale>

#include <cmath>

namespace Rwb {

void JsonWriter::key(const char *name)
{
    element();
    m_out += '"';
    m_out += name;
    m_out += "\": ";
    m_afterKey = true;
}

void JsonWriter::key(const QString &name)
{
    string(name.toUtf8());
    m_out += ": ";
    m_afterKey = true;
}

void JsonWriter::value(bool b)
{
    element();
    m_out += b ? "true" : "false";
}

void JsonWriter::value(int i)
{
    element();
    m_out += QByteArray::number(i);
}

void JsonWriter::value(qint64 i)
{
    element();
    m_out += QByteArray::number(i);
}

void JsonWriter::value(double d)
{
    element();
    m_out +=
        std::isfinite(d) ? QByteArray::number(d, 'g', QLocale::FloatingPointShortest) : QByteArray("null");
}

void JsonWriter::null()
{
    element();
    m_out += "null";
}

void JsonWriter::string(const QByteArray &s)
{
    element();
    m_out += '"';
    static const char hex[] = "0123456789abcdef";
    qsizetype start = 0;
    for (qsizetype i = 0; i < s.size(); ++i) {
        const auto u = static_cast<unsigned char>(s.at(i));
        if (u >= 0x20 && u != '"' && u != '\\')
            continue;
        m_out.append(s.constData() + start, i - start);
        start = i + 1;
        m_out += '\\';
        switch (u) {
        case '"':
            m_out += '"';
            break;
        case '\\':
            m_out += '\\';
            break;
        case '\b':
            m_out += 'b';
            break;
        case '\f':
            m_out += 'f';
            break;
        case '\n':
            m_out += 'n';
            break;
        case '\r':
            m_out += 'r';
            break;
        case '\t':
            m_out += 't';
            break;
        default:
            m_out += "u00";
            m_out += hex[u >> 4];
            m_out += hex[u & 0xf];
        }
    }
    m_out.append(s.constData() + start, s.size() - start);
    m_out += '"';
}

QByteArray JsonWriter::finish()
{
    m_out += '\n';
    return std::exchange(m_out, {});
}

void JsonWriter::element()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (m_depth == 0)
        return;
    if (m_count[m_depth - 1]++ > 0)
        m_out += ",\n";
    m_out.append(4 * m_depth, ' ');
}

void JsonWriter::open(char c)
{
    element();
    m_out += c;
    m_out += '\n';
    Q_ASSERT(m_depth < 64);
    m_count[m_depth++] = 0;
}

void JsonWriter::close(char c)
{
    --m_depth;
    if (m_count[m_depth] > 0)
        m_out += '\n';
    m_out.append(4 * m_depth, ' ');
    m_out += c;
}

void JsonWriter::bytesField(const char *key, const char *keyBase64, const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return;
    if (isUtf8(bytes)) {
        this->key(key);
        string(bytes);
    } else {
        this->key(keyBase64);
        string(bytes.toBase64());
    }
}

void JsonWriter::stringObject(std::initializer_list<std::pair<const char *, QString>> members)
{
    beginObject();
    for (const auto &[name, text] : members) {
        key(name);
        value(text);
    }
    endObject();
}

}  // namespace Rwb
