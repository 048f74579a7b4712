#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVarLengthArray>

#include <initializer_list>
#include <optional>
#include <utility>

struct QJsonParseError;

namespace Rwb {

// "line L, column C" of a byte offset into `json` (columns count bytes), for errors people can find.
QString jsonPosition(const QByteArray &json, qsizetype offset);
// "line L, column C: <what QJsonParseError says>" for a failed QJsonDocument::fromJson(json).
QString jsonParseErrorMessage(const QByteArray &json, const QJsonParseError &error);

// Reads a parsed JSON document (a session, a trace, sandbox rules, a HAR file) and says where it is
// wrong. A JsonReader is one value of the document with its path ("items[0].request.url"); at() gives
// the reader of a member or an element, one step further. The typed getters check the value's type
// (and range): when it is wrong they record "<path>: <what>" in the error string that every reader of
// the document shares and return false, so that reading stops at the first problem:
//     ok = r.at("name").string(&name, Need::Required) && r.at("port").integer(&port, 1, 65535);
// Only the first failure is kept. A path is made text only when a failure needs it.
class JsonReader
{
public:
    enum class Need {
        Optional,             // absent: the getter succeeds and leaves *out as it is
        Required,             // absent: the failure of a wrong type ("expected a string")
        RequiredSaysMissing,  // absent: "missing, expected a string"
    };

    // The reader of a document's root `value`, named `path` in errors (empty: the paths of its members
    // start with their key, "name: ..."). Failures go to *error, which must start empty and outlive
    // every reader of the document.
    JsonReader(const QJsonValue &value, QString *error, const QString &path = QString());

    // The document in `json`; a syntax error gives nullopt and *error = jsonParseErrorMessage().
    static std::optional<QJsonDocument> parse(const QByteArray &json, QString *error);

    // The member `key`, "path.key" ("key" at an unnamed root). The key is kept as a pointer, not
    // copied: pass a string literal.
    JsonReader at(const char *key) const;
    JsonReader at(const QString &key) const;  // a key that is data (a variable's name): copied
    JsonReader at(qsizetype index) const;     // the element, "path[index]"
    JsonReader at(int index) const { return at(qsizetype(index)); }  // at(0) is not at(nullptr)

    const QJsonValue &value() const { return m_value; }
    QString path() const;
    bool isAbsent() const { return m_value.isUndefined(); }
    bool isAbsentOrNull() const { return m_value.isUndefined() || m_value.isNull(); }
    bool has(const char *key) const;
    qsizetype size() const;    // of an array (else 0)
    QStringList keys() const;  // of an object, in QJsonObject's order (else none)

    // Records "<path>: <what>" unless a failure is recorded already; returns false.
    bool fail(const QString &what) const;
    // The same for a message that names a field under this value itself ("status: expected ..."):
    // records "<path>.<message>".
    bool failWithin(const QString &message) const;
    bool failed() const { return !m_error->isEmpty(); }

    // ---- Typed getters: true when the value is right, or absent and optional ----
    bool string(QString *out, Need need = Need::Optional) const;  // "expected a string"
    bool boolean(bool *out, Need need = Need::Optional) const;    // "expected true or false"
    bool number(double *out, Need need = Need::Optional) const;   // "expected a number"
    // An integer (a JSON number without fraction): any int ("expected an integer"), or one in
    // [min, max] ("expected an integer from MIN to MAX").
    bool integer(int *out, Need need = Need::Optional) const;
    bool integer(int *out, qint64 min, qint64 max, Need need = Need::Optional) const;
    bool integer(qint64 *out, qint64 min, qint64 max, Need need = Need::Optional) const;
    // The value is an object ("expected an object", or "expected " + `what`) or an array; read its
    // members with at().
    bool object(Need need = Need::Optional, const char *what = "an object") const;
    bool array(Need need = Need::Optional) const;  // "expected an array"
    // An array of strings ("expected an array of strings", then "[i]: expected a string"), of ints.
    bool strings(QStringList *out, Need need = Need::Optional) const;
    bool integers(QList<int> *out, Need need = Need::Optional) const;

    // A string that names a value: `fromName` maps it (an optional), and a name it does not know fails
    // with "\"NAME\" " + `unknown` ("is not a known outcome").
    template <typename T, typename FromName>
    bool name(T *out, FromName fromName, const QString &unknown, Need need = Need::Optional) const
    {
        QString text;
        if (!string(&text, need))
            return false;
        if (isAbsent())
            return true;
        const auto found = fromName(text);
        if (!found)
            return fail(QStringLiteral("\"%1\" %2").arg(text, unknown));
        *out = *found;
        return true;
    }
    // One of a few strings; another fails with "expected \"a\" or \"b\", found \"c\"".
    template <typename T>
    bool choice(T *out, std::initializer_list<std::pair<const char *, T>> choices,
                Need need = Need::Optional) const
    {
        QString text;
        if (!string(&text, need))
            return false;
        if (isAbsent())
            return true;
        QStringList names;
        for (const auto &c : choices) {
            if (text == QLatin1String(c.first)) {
                *out = c.second;
                return true;
            }
            names.append(QStringLiteral("\"%1\"").arg(QLatin1String(c.first)));
        }
        return failChoice(names, text);
    }

    // Bytes in member `key` as text (UTF-8), else in member `keyBase64` as base64 ("not valid
    // base64"): what JsonWriter::bytesField() writes. Both absent: *out stays.
    bool bytesField(const char *key, const char *keyBase64, QByteArray *out) const;

private:
    // One step of the path below the root: a key (literal or data) or an index.
    struct Step {
        const char *key = nullptr;
        QString dataKey;
        qsizetype index = -1;
    };

    JsonReader child(const QJsonValue &value, Step step) const;
    // "<path><separator><message>", unless a failure is recorded already; false.
    bool record(const QString &separator, const QString &message) const;
    // The failure "expected <expected>" (or "missing, ..."); true instead when absent and optional.
    bool typeError(const QString &expected, Need need) const;
    // An integer in [min, max]; `ranged`: the failure names the range.
    bool integerIn(double *out, qint64 min, qint64 max, bool ranged, Need need) const;
    bool failChoice(const QStringList &names, const QString &found) const;

    QJsonValue m_value;
    QString *m_error;
    // The path as the root's and the steps, joined into text only when asked for (a failure).
    QString m_rootPath;
    QVarLengthArray<Step, 12> m_steps;  // 12: a last trace's headers in a case two folders deep
};

}  // namespace Rwb
