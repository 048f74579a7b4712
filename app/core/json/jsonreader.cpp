#include "core/json/jsonreader.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonParseError>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace Rwb {

QString jsonPosition(const QByteArray &json, qsizetype offset)
{
    int line = 1, column = 1;
    for (qsizetype i = 0; i < offset && i < json.size(); ++i) {
        if (json.at(i) == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return QStringLiteral("line %1, column %2").arg(line).arg(column);
}

namespace {

// A key's text (valid JSON) with its escapes decoded, in UTF-8 as the keys without escapes are compared, so
// that "a" and "\u0061" are one key. A lone surrogate (only an escape makes one) is written as its own three
// bytes: two different ones stay apart, as QJsonDocument keeps them, and none equals valid UTF-8.
QByteArray unescapedKey(QByteArrayView text)
{
    QByteArray out;
    const auto hex4 = [&text](qsizetype at) {
        return text.sliced(at, 4).toByteArray().toUInt(nullptr, 16);
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] != '\\') {
            out += text[i];
            continue;
        }
        const char e = text[++i];
        if (e != 'u') {
            out += e == 'b'   ? '\b'
                   : e == 'f' ? '\f'
                   : e == 'n' ? '\n'
                   : e == 'r' ? '\r'
                   : e == 't' ? '\t'
                              : e;
            continue;
        }
        char32_t c = hex4(i + 1);
        i += 4;
        if (QChar::isHighSurrogate(c) && i + 6 < text.size() && text[i + 1] == '\\' && text[i + 2] == 'u'
            && QChar::isLowSurrogate(hex4(i + 3))) {
            c = QChar::surrogateToUcs4(char16_t(c), char16_t(hex4(i + 3)));
            i += 6;
        }
        if (c < 0x80) {
            out += char(c);
        } else if (c < 0x800) {
            out += char(0xC0 | (c >> 6));
            out += char(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            out += char(0xE0 | (c >> 12));
            out += char(0x80 | ((c >> 6) & 0x3F));
            out += char(0x80 | (c & 0x3F));
        } else {
            out += char(0xF0 | (c >> 18));
            out += char(0x80 | ((c >> 12) & 0x3F));
            out += char(0x80 | ((c >> 6) & 0x3F));
            out += char(0x80 | (c & 0x3F));
        }
    }
    return out;
}

}  // namespace

// The offset of the first key that appears twice in one object of `json` (valid JSON), or -1; *key is its
// text as written. Written by hand: QJsonDocument keeps the last of duplicate keys and says nothing, and no
// other reader here reports them. One pass, a set of keys per open object; a key with an escape is compared
// decoded.
qsizetype duplicateKeyOffset(const QByteArray &json, QByteArray *key)
{
    // An object's keys as views into `json`: a few are searched in a list (most objects), more in a set.
    struct Scope {
        bool object = false;
        std::vector<QByteArrayView> keys;
        QSet<QByteArrayView> many;
        bool add(QByteArrayView key)
        {
            constexpr size_t kListed = 16;
            if (keys.size() < kListed) {
                if (std::find(keys.cbegin(), keys.cend(), key) != keys.cend())
                    return false;
                keys.push_back(key);
                if (keys.size() == kListed)
                    many = QSet<QByteArrayView>(keys.cbegin(), keys.cend());
                return true;
            }
            if (many.contains(key))
                return false;
            many.insert(key);
            return true;
        }
    };
    std::vector<Scope> open;
    std::vector<QByteArray> decoded;  // the keys with escapes, decoded: views of Scope point into them
    bool expectKey = false;           // the next string is an object's key
    for (qsizetype i = 0; i < json.size(); ++i) {
        switch (json.at(i)) {
        case '{':
            open.push_back({true, {}, {}});
            expectKey = true;
            break;
        case '[':
            open.push_back({false, {}, {}});
            expectKey = false;
            break;
        case '}':
        case ']':
            if (!open.empty())
                open.pop_back();
            expectKey = false;
            break;
        case ',':
            expectKey = !open.empty() && open.back().object;
            break;
        case '"': {
            const qsizetype start = i++;
            while (i < json.size() && json.at(i) != '"')
                i += json.at(i) == '\\' ? 2 : 1;
            if (expectKey && !open.empty()) {
                const QByteArrayView text(json.constData() + start + 1, i - start - 1);
                if (text.contains('\\'))
                    decoded.push_back(unescapedKey(text));
                if (!open.back().add(text.contains('\\') ? QByteArrayView(decoded.back()) : text)) {
                    *key = text.toByteArray();
                    return start;
                }
            }
            expectKey = false;
            break;
        }
        default:
            break;
        }
    }
    return -1;
}

QString jsonParseErrorMessage(const QByteArray &json, const QJsonParseError &error)
{
    // What "illegal value" at the start usually means, said plainly.
    if (json.trimmed().isEmpty())
        return QStringLiteral("line 1, column 1: empty, expected a JSON document");
    const bool utf32 = json.startsWith(QByteArray("\xff\xfe\x00\x00", 4))
                       || json.startsWith(QByteArray("\x00\x00\xfe\xff", 4));
    const bool utf16 = !utf32
                       && (json.startsWith("\xff\xfe") || json.startsWith("\xfe\xff")
                           || (json.size() >= 2 && (json.at(0) == 0) != (json.at(1) == 0)));
    if (utf32 || utf16) {
        return QStringLiteral("line 1, column 1: the text is %1, not UTF-8: save it as UTF-8")
            .arg(utf32 ? QStringLiteral("UTF-32") : QStringLiteral("UTF-16"));
    }
    return QStringLiteral("%1: %2").arg(jsonPosition(json, error.offset), error.errorString());
}

JsonReader::JsonReader(const QJsonValue &value, QString *error, const QString &path)
    : m_value(value)
    , m_error(error)
    , m_rootPath(path)
{
    Q_ASSERT(error);
}

std::optional<QJsonDocument> JsonReader::parse(const QByteArray &json, QString *error)
{
    QJsonParseError parseError;
    QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = jsonParseErrorMessage(json, parseError);
        return std::nullopt;
    }
    QByteArray key;
    if (const qsizetype at = duplicateKeyOffset(json, &key); at >= 0) {
        *error =
            QStringLiteral("%1: the key \"%2\" appears twice in one object (only one of them would be read)")
                .arg(jsonPosition(json, at), QString::fromUtf8(key));
        return std::nullopt;
    }
    return doc;
}

JsonReader JsonReader::child(const QJsonValue &value, Step step) const
{
    JsonReader r(value, m_error, m_rootPath);
    r.m_steps = m_steps;
    r.m_steps.append(std::move(step));
    return r;
}

JsonReader JsonReader::at(const char *key) const
{
    return child(m_value[QLatin1String(key)], {key, QString(), -1});
}

JsonReader JsonReader::at(const QString &key) const
{
    return child(m_value[key], {nullptr, key, -1});
}

JsonReader JsonReader::at(qsizetype index) const
{
    return child(m_value[index], {nullptr, QString(), index});
}

QString JsonReader::path() const
{
    QString path = m_rootPath;
    for (const Step &step : m_steps) {
        if (step.index >= 0) {
            path += QLatin1Char('[') + QString::number(step.index) + QLatin1Char(']');
            continue;
        }
        if (!path.isEmpty())
            path += QLatin1Char('.');
        if (step.key)
            path += QLatin1String(step.key);
        else
            path += step.dataKey;
    }
    return path;
}

bool JsonReader::has(const char *key) const
{
    return m_value.toObject().contains(QLatin1String(key));
}

qsizetype JsonReader::size() const
{
    return m_value.toArray().size();
}

QStringList JsonReader::keys() const
{
    return m_value.toObject().keys();
}

bool JsonReader::fail(const QString &what) const
{
    return record(QStringLiteral(": "), what);
}

bool JsonReader::failWithin(const QString &message) const
{
    return record(QStringLiteral("."), message);
}

bool JsonReader::record(const QString &separator, const QString &message) const
{
    if (m_error->isEmpty()) {
        const QString p = path();
        *m_error = p.isEmpty() ? message : p + separator + message;
    }
    return false;
}

bool JsonReader::typeError(const QString &expected, Need need) const
{
    if (isAbsent() && need == Need::Optional)
        return true;
    const bool missing = isAbsent() && need == Need::RequiredSaysMissing;
    return fail((missing ? QStringLiteral("missing, expected ") : QStringLiteral("expected ")) + expected);
}

bool JsonReader::string(QString *out, Need need) const
{
    if (!m_value.isString())
        return typeError(QStringLiteral("a string"), need);
    *out = m_value.toString();
    return true;
}

bool JsonReader::boolean(bool *out, Need need) const
{
    if (!m_value.isBool())
        return typeError(QStringLiteral("true or false"), need);
    *out = m_value.toBool();
    return true;
}

bool JsonReader::number(double *out, Need need) const
{
    if (!m_value.isDouble())
        return typeError(QStringLiteral("a number"), need);
    *out = m_value.toDouble();
    return true;
}

bool JsonReader::integerIn(double *out, qint64 min, qint64 max, bool ranged, Need need) const
{
    // Every bound used is exact in a double (up to 2^53), as is every integer a JSON number holds exactly.
    const double d = m_value.toDouble();
    if (m_value.isDouble() && d == std::floor(d) && d >= double(min) && d <= double(max)) {
        *out = d;
        return true;
    }
    return typeError(ranged ? QStringLiteral("an integer from %1 to %2").arg(min).arg(max)
                            : QStringLiteral("an integer"),
                     need);
}

bool JsonReader::integer(int *out, Need need) const
{
    double d = 0;
    if (!integerIn(&d, std::numeric_limits<int>::min(), std::numeric_limits<int>::max(), false, need))
        return false;
    if (!isAbsent())
        *out = int(d);
    return true;
}

bool JsonReader::integer(int *out, qint64 min, qint64 max, Need need) const
{
    qint64 wide = *out;
    if (!integer(&wide, min, max, need))
        return false;
    *out = int(wide);
    return true;
}

bool JsonReader::integer(qint64 *out, qint64 min, qint64 max, Need need) const
{
    double d = 0;
    if (!integerIn(&d, min, max, true, need))
        return false;
    if (!isAbsent())
        *out = qint64(d);
    return true;
}

bool JsonReader::object(Need need, const char *what) const
{
    return m_value.isObject() || typeError(QLatin1String(what), need);
}

bool JsonReader::array(Need need) const
{
    return m_value.isArray() || typeError(QStringLiteral("an array"), need);
}

bool JsonReader::strings(QStringList *out, Need need) const
{
    if (!m_value.isArray())
        return typeError(QStringLiteral("an array of strings"), need);
    QStringList list;
    for (qsizetype i = 0; i < size(); ++i) {
        QString s;
        if (!at(i).string(&s, Need::Required))
            return false;
        list.append(s);
    }
    *out = list;
    return true;
}

bool JsonReader::integers(QList<int> *out, Need need) const
{
    if (!m_value.isArray())
        return typeError(QStringLiteral("an array of integers"), need);
    QList<int> list;
    for (qsizetype i = 0; i < size(); ++i) {
        int n = 0;
        if (!at(i).integer(&n, Need::Required))
            return false;
        list.append(n);
    }
    *out = list;
    return true;
}

bool JsonReader::failChoice(const QStringList &names, const QString &found) const
{
    const QString listed = names.size() < 2 ? names.join(QString())
                                            : names.mid(0, names.size() - 1).join(QStringLiteral(", "))
                                                  + QStringLiteral(" or ") + names.last();
    return fail(QStringLiteral("expected %1, found \"%2\"").arg(listed, found));
}

bool JsonReader::bytesField(const char *key, const char *keyBase64, QByteArray *out) const
{
    QString text;
    if (has(key)) {
        if (!at(key).string(&text))
            return false;
        *out = text.toUtf8();
    } else if (has(keyBase64)) {
        const JsonReader field = at(keyBase64);
        if (!field.string(&text))
            return false;
        const auto decoded =
            QByteArray::fromBase64Encoding(text.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            return field.fail(QStringLiteral("not valid base64"));
        *out = decoded.decoded;
    }
    return true;
}

}  // namespace Rwb
