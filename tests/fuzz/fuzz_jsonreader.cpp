// JsonReader (core/json/jsonreader.h): parse() on any bytes, then every value of a document that parses read
// through the typed getters. Properties:
// - a document that parses has no object with a key twice (the keys compared as QJsonDocument reads them,
//   escapes decoded: "a", "\u0061" and "\a" are one key), as parse() promises to refuse them;
// - a getter succeeds exactly for its type (an integer getter for a whole number in its range, which it
//   gives exactly); a failure is recorded as "<path>: <what>" and only the first one is kept.
#include "fuzzcheck.h"

#include "core/json/jsonreader.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>

#include <cmath>
#include <limits>

using namespace Rwb;

namespace {

// A second, independent reading of the text of a valid JSON document (QJsonDocument accepted it): finds an
// object with a key twice. Keys are decoded (escapes, UTF-8) before they are compared.
class DuplicateFinder
{
public:
    explicit DuplicateFinder(const QByteArray &json)
        : s(json)
    {
    }
    // The first key found twice in one object, or a null string.
    QString run()
    {
        value();
        return found;
    }

private:
    void space()
    {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
            ++i;
    }
    QString string()  // at the opening quote
    {
        QString out;
        QByteArray raw;
        for (++i; i < s.size() && s[i] != '"'; ++i) {
            if (s[i] != '\\') {
                raw += s[i];
                continue;
            }
            out += QString::fromUtf8(std::exchange(raw, QByteArray()));
            const char e = s[++i];
            if (e == 'u') {
                out += QChar(char16_t(s.mid(i + 1, 4).toUShort(nullptr, 16)));
                i += 4;
            } else {  // QJsonDocument reads any other escaped byte as itself ("\q" is "q")
                const char c = e == 'b'   ? '\b'
                               : e == 'f' ? '\f'
                               : e == 'n' ? '\n'
                               : e == 'r' ? '\r'
                               : e == 't' ? '\t'
                                          : e;
                out += QString::fromUtf8(&c, 1);
            }
        }
        ++i;  // the closing quote
        return out + QString::fromUtf8(raw);
    }
    void value()
    {
        space();
        if (i >= s.size())
            return;
        if (s[i] == '"') {
            string();
        } else if (s[i] == '{') {
            QSet<QString> keys;
            for (++i, space(); i < s.size() && s[i] != '}'; space()) {
                if (s[i] == ',') {
                    ++i;
                    space();
                }
                const QString key = string();
                if (keys.contains(key) && found.isNull())
                    found = key;
                keys.insert(key);
                space();
                ++i;  // ':'
                value();
            }
            ++i;
        } else if (s[i] == '[') {
            for (++i, space(); i < s.size() && s[i] != ']'; space()) {
                if (s[i] == ',')
                    ++i;
                value();
            }
            ++i;
        } else {
            while (i < s.size() && !QByteArrayView(",]} \t\r\n").contains(s[i]))
                ++i;  // a number, true, false or null
        }
    }

    const QByteArray &s;
    qsizetype i = 0;
    QString found;
};

// Reads `r` with every getter that fits its value and one that does not; checks what each says.
void readAll(const JsonReader &r, QString *error, int depth)
{
    const QJsonValue &v = r.value();
    const QString before = *error;
    QString text;
    bool boolean = false;
    double number = 0;
    Fuzz::check(r.string(&text) == v.isString(), "string() succeeds exactly for a string", r.path());
    Fuzz::check(r.boolean(&boolean) == v.isBool(), "boolean() succeeds exactly for true and false", r.path());
    Fuzz::check(r.number(&number) == v.isDouble(), "number() succeeds exactly for a number", r.path());
    int small = -1;
    const double d = v.toDouble();
    const bool whole = v.isDouble() && d == std::floor(d);
    Fuzz::check(
        r.integer(&small)
            == (whole && d >= std::numeric_limits<int>::min() && d <= std::numeric_limits<int>::max()),
        "integer() succeeds exactly for a whole number that is an int", r.path());
    if (whole && std::fabs(d) <= std::numeric_limits<int>::max())
        Fuzz::check(small == int(d), "integer() gives the number", r.path());
    qint64 wide = -1;
    if (r.integer(&wide, -1000, 1000))
        Fuzz::check(v.isDouble() && wide >= -1000 && wide <= 1000 && double(wide) == d,
                    "integer(min, max) gives a number in the range", r.path());
    Fuzz::check(r.object() == v.isObject() && r.array() == v.isArray(),
                "object() and array() succeed exactly for their type", r.path());
    QStringList strings;
    QList<int> integers;
    (void)r.strings(&strings);
    (void)r.integers(&integers);
    if (before.isEmpty() && !error->isEmpty()) {
        const QString path = r.path();
        Fuzz::check(path.isEmpty() || error->startsWith(path), "a failure names the path", *error);
    }
    const QString first = *error;
    if (!first.isEmpty()) {
        (void)r.fail(QStringLiteral("again"));
        Fuzz::check(*error == first, "only the first failure is kept", *error);
    }
    if (depth > 64)
        return;
    if (v.isObject()) {
        for (const QString &key : r.keys())
            readAll(r.at(key), error, depth + 1);
        (void)r.at("absent").string(&text, JsonReader::Need::RequiredSaysMissing);
    } else if (v.isArray()) {
        for (qsizetype i = 0; i < r.size(); ++i)
            readAll(r.at(i), error, depth + 1);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray json = Fuzz::inputBytes(data, size);
    QString error;
    const std::optional<QJsonDocument> doc = JsonReader::parse(json, &error);
    Fuzz::check(doc.has_value() == error.isEmpty(), "either a document or an error", error);
    if (!doc)
        return 0;
    const QString duplicate = DuplicateFinder(json).run();
    Fuzz::check(duplicate.isNull(), "a document that parses has no key twice in one object", duplicate);

    QString readError;
    const QJsonValue root = doc->isObject() ? QJsonValue(doc->object()) : QJsonValue(doc->array());
    readAll(JsonReader(root, &readError, QStringLiteral("doc")), &readError, 0);
    (void)jsonPosition(json, json.size() / 2);
    return 0;
}
