// The JSON reader behind sessions, traces, sandbox rules and HAR import: each getter's type and range
// checks, the path it names ("items[0].request.url: expected a string"), required vs optional fields,
// and the line and column of a syntax error.
#include "core/json/jsonreader.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonParseError>
#include <QRegularExpression>
#include <QTest>

#include <limits>

using namespace Rwb;
using Need = JsonReader::Need;

namespace {

enum class Getter {
    String,
    Boolean,
    Number,
    Int,
    IntRange,
    Int64Range,
    Object,
    ObjectNamed,
    Array,
    Strings,
    Integers,
    Name,
    Choice,
    Bytes,
};

enum class Color { Red, Green, Blue };

std::optional<Color> colorFromName(const QString &name)
{
    if (name == QLatin1String("red"))
        return Color::Red;
    if (name == QLatin1String("green"))
        return Color::Green;
    return std::nullopt;
}

// The reader of the value at `path` ("a.b[2].c") under `root`; keys go through at(QString).
JsonReader walk(const JsonReader &root, const QString &path)
{
    JsonReader r = root;
    static const QRegularExpression step(QStringLiteral("([^.\\[\\]]+)|\\[(\\d+)\\]"));
    for (auto it = step.globalMatch(path); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        r = m.captured(2).isEmpty() ? r.at(m.captured(1)) : r.at(qsizetype(m.captured(2).toLongLong()));
    }
    return r;
}

}  // namespace

Q_DECLARE_METATYPE(Getter)
Q_DECLARE_METATYPE(JsonReader::Need)

class tst_JsonReader : public QObject
{
    Q_OBJECT

private slots:
    void getters_data();
    void getters();
    void optionalLeavesTheValue_data();
    void optionalLeavesTheValue();
    void literalKeysAndRootPath();
    void firstFailureWins();
    void failWithin();
    void sizeKeysAndPresence();
    void parseErrors_data();
    void parseErrors();
    void parseErrorsSaidPlainly();
    void duplicateKeys_data();
    void duplicateKeys();
    void positions_data();
    void positions();
};

void tst_JsonReader::getters_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("path");
    QTest::addColumn<Getter>("getter");
    QTest::addColumn<Need>("need");
    QTest::addColumn<QString>("read");   // what was read, as text, when it succeeds
    QTest::addColumn<QString>("error");  // the whole error when it fails

    const auto row = [](const char *name, const char *json, const char *path, Getter getter, Need need,
                        const char *read, const char *error) {
        QTest::newRow(name) << QByteArray(json) << QString::fromUtf8(path) << getter << need
                            << QString::fromUtf8(read) << QString::fromUtf8(error);
    };
    const Need opt = Need::Optional;
    const Need req = Need::Required;
    const Need says = Need::RequiredSaysMissing;

    // Paths: keys joined by dots, indices in brackets, data keys as they are.
    row("top-level key", R"({"a": 1})", "a", Getter::String, opt, "", "a: expected a string");
    row("nested key", R"({"a": {"b": {"c": 1}}})", "a.b.c", Getter::String, opt, "",
        "a.b.c: expected a string");
    row("array element", R"({"a": [1, 2, 3]})", "a[2]", Getter::String, opt, "", "a[2]: expected a string");
    row("key in an element", R"({"items": [{}, {"url": null}]})", "items[1].url", Getter::String, req, "",
        "items[1].url: expected a string");
    row("nested arrays", R"({"m": [[1, 2], [3, "x"]]})", "m[1][1]", Getter::Int, req, "",
        "m[1][1]: expected an integer");
    row("nested arrays, integers", R"({"m": [[1, 2], [3, "x"]]})", "m[1]", Getter::Integers, req, "",
        "m[1][1]: expected an integer");
    row("root array", R"([0, [true]])", "[1][0]", Getter::String, req, "", "[1][0]: expected a string");
    row("key that is data", R"({"variables": {"my var": 8080}})", "variables.my var", Getter::String, req, "",
        "variables.my var: expected a string");

    // Each getter: a right value, a wrong type.
    row("string", R"({"s": "text"})", "s", Getter::String, req, "text", "");
    row("string, number", R"({"s": 5})", "s", Getter::String, opt, "", "s: expected a string");
    row("string, null", R"({"s": null})", "s", Getter::String, opt, "", "s: expected a string");
    row("boolean", R"({"b": false})", "b", Getter::Boolean, req, "false", "");
    row("boolean, string", R"({"b": "no"})", "b", Getter::Boolean, opt, "", "b: expected true or false");
    row("boolean, number", R"({"b": 1})", "b", Getter::Boolean, opt, "", "b: expected true or false");
    row("number", R"({"n": 2.5})", "n", Getter::Number, req, "2.5", "");
    row("number, string", R"({"n": "302"})", "n", Getter::Number, opt, "", "n: expected a number");
    row("object", R"({"o": {}})", "o", Getter::Object, req, "", "");
    row("object, array", R"({"o": []})", "o", Getter::Object, opt, "", "o: expected an object");
    row("object named, number", R"({"o": [3]})", "o[0]", Getter::ObjectNamed, opt, "",
        "o[0]: expected a rule object");
    row("array", R"({"a": []})", "a", Getter::Array, req, "", "");
    row("array, object", R"({"a": {}})", "a", Getter::Array, opt, "", "a: expected an array");
    row("strings", R"({"l": ["a", "b"]})", "l", Getter::Strings, req, "a,b", "");
    row("strings, not an array", R"({"l": "a"})", "l", Getter::Strings, opt, "",
        "l: expected an array of strings");
    row("strings, an element", R"({"l": ["a", 4]})", "l", Getter::Strings, opt, "",
        "l[1]: expected a string");
    row("integers", R"({"l": [301, 200]})", "l", Getter::Integers, req, "301,200", "");
    row("integers, not an array", R"({"l": 200})", "l", Getter::Integers, opt, "",
        "l: expected an array of integers");
    row("integers, a fraction", R"({"l": [301, 2.5]})", "l", Getter::Integers, opt, "",
        "l[1]: expected an integer");
    row("name", R"({"c": "green"})", "c", Getter::Name, req, "1", "");
    row("name, unknown", R"({"c": "mauve"})", "c", Getter::Name, req, "", "c: \"mauve\" is not a color");
    row("name, not a string", R"({"c": 1})", "c", Getter::Name, req, "", "c: expected a string");
    row("choice", R"({"c": "blue"})", "c", Getter::Choice, req, "2", "");
    row("choice, unknown", R"({"c": "mauve"})", "c", Getter::Choice, req, "",
        "c: expected \"red\", \"green\" or \"blue\", found \"mauve\"");
    row("choice, not a string", R"({"c": true})", "c", Getter::Choice, req, "", "c: expected a string");
    row("bytes, text", R"({"o": {"body": "a\u00e9"}})", "o", Getter::Bytes, opt, "61c3a9", "");
    row("bytes, base64", R"({"o": {"bodyBase64": "AP/+"}})", "o", Getter::Bytes, opt, "00fffe", "");
    row("bytes, text first", R"({"o": {"body": "x", "bodyBase64": "!!"}})", "o", Getter::Bytes, opt, "78",
        "");
    row("bytes, bad base64", R"({"o": {"bodyBase64": "not base64!"}})", "o", Getter::Bytes, opt, "",
        "o.bodyBase64: not valid base64");
    row("bytes, text not a string", R"({"o": {"body": 12}})", "o", Getter::Bytes, opt, "",
        "o.body: expected a string");
    row("bytes, base64 not a string", R"({"o": {"bodyBase64": []}})", "o", Getter::Bytes, opt, "",
        "o.bodyBase64: expected a string");

    // Integers and their ranges ([0, 10] for IntRange; [0, 2^53] for Int64Range).
    row("int", R"({"i": -2147483648})", "i", Getter::Int, req, "-2147483648", "");
    row("int, fraction", R"({"i": 2.5})", "i", Getter::Int, req, "", "i: expected an integer");
    row("int, above int", R"({"i": 2147483648})", "i", Getter::Int, req, "", "i: expected an integer");
    row("int, string", R"({"i": "1"})", "i", Getter::Int, req, "", "i: expected an integer");
    row("range, lowest", R"({"i": 0})", "i", Getter::IntRange, req, "0", "");
    row("range, highest", R"({"i": 10})", "i", Getter::IntRange, req, "10", "");
    row("range, below", R"({"i": -1})", "i", Getter::IntRange, req, "",
        "i: expected an integer from 0 to 10");
    row("range, above", R"({"i": 11})", "i", Getter::IntRange, req, "",
        "i: expected an integer from 0 to 10");
    row("range, fraction", R"({"i": 2.5})", "i", Getter::IntRange, req, "",
        "i: expected an integer from 0 to 10");
    row("range, huge", R"({"i": 1e300})", "i", Getter::IntRange, req, "",
        "i: expected an integer from 0 to 10");
    row("range, bool", R"({"i": true})", "i", Getter::IntRange, req, "",
        "i: expected an integer from 0 to 10");
    row("wide range, 2^53", R"({"i": 9007199254740992})", "i", Getter::Int64Range, req, "9007199254740992",
        "");
    row("wide range, 5e9", R"({"i": 5000000000})", "i", Getter::Int64Range, req, "5000000000", "");
    row("wide range, above", R"({"i": 1e17})", "i", Getter::Int64Range, req, "",
        "i: expected an integer from 0 to 9007199254740992");

    // Absent fields: optional ones read nothing, required ones fail as a wrong type or say "missing".
    row("absent optional string", R"({})", "s", Getter::String, opt, "(kept)", "");
    row("absent required string", R"({})", "s", Getter::String, req, "", "s: expected a string");
    row("absent string, says missing", R"({})", "s", Getter::String, says, "",
        "s: missing, expected a string");
    row("absent int, says missing", R"({})", "i", Getter::Int, says, "", "i: missing, expected an integer");
    row("absent range, says missing", R"({})", "i", Getter::IntRange, says, "",
        "i: missing, expected an integer from 0 to 10");
    row("wrong int, says missing", R"({"i": "x"})", "i", Getter::Int, says, "", "i: expected an integer");
    row("absent required object", R"({"a": {}})", "a.b", Getter::Object, req, "", "a.b: expected an object");
    row("absent required array", R"({})", "a", Getter::Array, req, "", "a: expected an array");
    row("absent required strings", R"({})", "l", Getter::Strings, req, "", "l: expected an array of strings");
    row("absent required integers", R"({})", "l", Getter::Integers, says, "",
        "l: missing, expected an array of integers");
    row("absent under a non-object", R"({"a": 3})", "a.b", Getter::String, req, "", "a.b: expected a string");
    row("absent element", R"({"a": [1]})", "a[4]", Getter::Int, req, "", "a[4]: expected an integer");
    row("absent required name", R"({})", "c", Getter::Name, says, "", "c: missing, expected a string");
    row("absent required choice", R"({})", "c", Getter::Choice, req, "", "c: expected a string");
}

void tst_JsonReader::getters()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, path);
    QFETCH(Getter, getter);
    QFETCH(Need, need);
    QFETCH(QString, read);
    QFETCH(QString, error);

    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    QCOMPARE(parseError.error, QJsonParseError::NoError);
    QString why;
    const JsonReader root(doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array()), &why);
    const JsonReader r = walk(root, path);

    bool ok = false;
    QString got = QStringLiteral("(kept)");  // a getter that reads nothing leaves it
    switch (getter) {
    case Getter::String:
        ok = r.string(&got, need);
        break;
    case Getter::Boolean: {
        bool b = true;
        ok = r.boolean(&b, need);
        got = b ? QStringLiteral("true") : QStringLiteral("false");
        break;
    }
    case Getter::Number: {
        double d = 0;
        ok = r.number(&d, need);
        got = QString::number(d);
        break;
    }
    case Getter::Int: {
        int i = 7;
        ok = r.integer(&i, need);
        got = QString::number(i);
        break;
    }
    case Getter::IntRange: {
        int i = 7;
        ok = r.integer(&i, 0, 10, need);
        got = QString::number(i);
        break;
    }
    case Getter::Int64Range: {
        qint64 i = 7;
        ok = r.integer(&i, 0, 9007199254740992LL, need);
        got = QString::number(i);
        break;
    }
    case Getter::Object:
        ok = r.object(need);
        got.clear();
        break;
    case Getter::ObjectNamed:
        ok = r.object(need, "a rule object");
        got.clear();
        break;
    case Getter::Array:
        ok = r.array(need);
        got.clear();
        break;
    case Getter::Strings: {
        QStringList list{QStringLiteral("old")};
        ok = r.strings(&list, need);
        got = list.join(QLatin1Char(','));
        break;
    }
    case Getter::Integers: {
        QList<int> list{-1};
        ok = r.integers(&list, need);
        QStringList text;
        for (int i : list)
            text.append(QString::number(i));
        got = text.join(QLatin1Char(','));
        break;
    }
    case Getter::Name: {
        Color c = Color::Blue;
        ok = r.name(&c, colorFromName, QStringLiteral("is not a color"), need);
        got = QString::number(int(c));
        break;
    }
    case Getter::Choice: {
        Color c = Color::Red;
        ok = r.choice(&c, {{"red", Color::Red}, {"green", Color::Green}, {"blue", Color::Blue}}, need);
        got = QString::number(int(c));
        break;
    }
    case Getter::Bytes: {
        QByteArray bytes;
        ok = r.bytesField("body", "bodyBase64", &bytes);
        got = QString::fromLatin1(bytes.toHex());
        break;
    }
    }
    QCOMPARE(why, error);
    QCOMPARE(ok, error.isEmpty());
    QCOMPARE(r.failed(), !error.isEmpty());
    if (ok)
        QCOMPARE(got, read);
}

void tst_JsonReader::optionalLeavesTheValue_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("absent") << QByteArray("{}");
    QTest::newRow("other keys only") << QByteArray(R"({"other": 1, "bodyX": "y"})");
}

void tst_JsonReader::optionalLeavesTheValue()
{
    QFETCH(QByteArray, json);
    QString why;
    const JsonReader r(QJsonDocument::fromJson(json).object(), &why);
    QString s = QStringLiteral("kept");
    bool b = true;
    int i = 5;
    qint64 wide = 6;
    QStringList list{QStringLiteral("kept")};
    QList<int> ints{1};
    Color c = Color::Blue;
    QByteArray bytes = "kept";
    QVERIFY(r.at("s").string(&s) && r.at("b").boolean(&b) && r.at("i").integer(&i)
            && r.at("i").integer(&i, 0, 1) && r.at("w").integer(&wide, 0, 1) && r.at("l").strings(&list)
            && r.at("n").integers(&ints) && r.at("c").name(&c, colorFromName, QStringLiteral("-"))
            && r.at("c").choice(&c, {{"red", Color::Red}}) && r.at("o").object() && r.at("a").array()
            && r.bytesField("body", "bodyBase64", &bytes));
    QVERIFY(why.isEmpty());
    QCOMPARE(s, QStringLiteral("kept"));
    QCOMPARE(b, true);
    QCOMPARE(i, 5);
    QCOMPARE(wide, qint64(6));
    QCOMPARE(list, QStringList{QStringLiteral("kept")});
    QCOMPARE(ints, QList<int>{1});
    QCOMPARE(c, Color::Blue);
    QCOMPARE(bytes, QByteArray("kept"));
}

void tst_JsonReader::literalKeysAndRootPath()
{
    const QJsonObject rule{{QStringLiteral("status"), QStringLiteral("301")}};
    QString why;
    // A root named by the caller: its members' paths start with that name.
    const JsonReader rules(QJsonArray{QJsonObject(), rule}, &why, QStringLiteral("sandbox.rules"));
    QCOMPARE(rules.path(), QStringLiteral("sandbox.rules"));
    QCOMPARE(rules.at(1).path(), QStringLiteral("sandbox.rules[1]"));
    int status = 0;
    QVERIFY(!rules.at(1).at("status").integer(&status, 200, 999, Need::Required));
    QCOMPARE(why, QStringLiteral("sandbox.rules[1].status: expected an integer from 200 to 999"));
    // A key that is data stays as it is, dots and all.
    QCOMPARE(rules.at(0).at(QStringLiteral("a.b[0]")).path(), QStringLiteral("sandbox.rules[0].a.b[0]"));
    // A reader outlives the temporary it came from (paths are copied, not pointed to).
    QString why2;
    const JsonReader status2 =
        JsonReader(QJsonObject{{QStringLiteral("x"), rule}}, &why2).at("x").at("status");
    QVERIFY(!status2.integer(&status));
    QCOMPARE(why2, QStringLiteral("x.status: expected an integer"));
}

void tst_JsonReader::firstFailureWins()
{
    QString why;
    const JsonReader r(QJsonObject{{QStringLiteral("a"), 1}, {QStringLiteral("b"), 2}}, &why);
    QString s;
    QVERIFY(!r.at("a").string(&s));
    QVERIFY(!r.at("b").string(&s));
    QVERIFY(!r.fail(QStringLiteral("later")));
    QCOMPARE(why, QStringLiteral("a: expected a string"));
    QVERIFY(r.failed());
    QVERIFY(r.at("b").failed());  // every reader of the document shares the failure
}

void tst_JsonReader::failWithin()
{
    QString why;
    const JsonReader r(QJsonArray{QJsonObject()}, &why, QStringLiteral("rules"));
    QVERIFY(!r.at(0).failWithin(QStringLiteral("path: must start with '/'")));
    QCOMPARE(why, QStringLiteral("rules[0].path: must start with '/'"));

    QString top;
    QVERIFY(!JsonReader(QJsonObject(), &top).failWithin(QStringLiteral("status: out of range")));
    QCOMPARE(top, QStringLiteral("status: out of range"));
    QString plain;
    QVERIFY(!JsonReader(QJsonObject(), &plain).fail(QStringLiteral("expected a session")));
    QCOMPARE(plain, QStringLiteral("expected a session"));
}

void tst_JsonReader::sizeKeysAndPresence()
{
    QString why;
    const JsonReader r(
        QJsonDocument::fromJson(R"({"a": [1, 2, 3], "n": null, "o": {"y": 1, "x": 2}})").object(), &why);
    QCOMPARE(r.at("a").size(), qsizetype(3));
    QCOMPARE(r.at("o").size(), qsizetype(0));
    QCOMPARE(r.at("o").keys(), (QStringList{QStringLiteral("x"), QStringLiteral("y")}));
    QCOMPARE(r.at("a").keys(), QStringList());
    QVERIFY(r.has("n"));
    QVERIFY(!r.has("z"));
    QVERIFY(!r.at("a").has("0"));
    QVERIFY(!r.at("n").isAbsent());
    QVERIFY(r.at("n").isAbsentOrNull());
    QVERIFY(r.at("z").isAbsent());
    QVERIFY(r.at("z").isAbsentOrNull());
    QVERIFY(!r.at("a").isAbsentOrNull());
    QCOMPARE(r.at("a").at(1).value().toInt(), 2);
    QVERIFY(why.isEmpty());
}

void tst_JsonReader::parseErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("position");
    QTest::newRow("third line") << QByteArray("{\"log\": {\n  \"entries\": [\n    {,\n  ]}}")
                                << QStringLiteral("line 3, column 7");
    QTest::newRow("unterminated string") << QByteArray("{\n\"a\": \"b") << QStringLiteral("line 2, column 8");
    QTest::newRow("garbage") << QByteArray("\x89PNG", 4) << QStringLiteral("line 1, column 2");
}

// Issue 16: what Qt calls "illegal value" at the start, said plainly: nothing there, or not UTF-8.
void tst_JsonReader::parseErrorsSaidPlainly()
{
    QString error;
    QVERIFY(!JsonReader::parse(QByteArray(), &error));
    QCOMPARE(error, QStringLiteral("line 1, column 1: empty, expected a JSON document"));
    QVERIFY(!JsonReader::parse(QByteArray("\xfe\xff\x00{\x00}", 6), &error));
    QCOMPARE(error, QStringLiteral("line 1, column 1: the text is UTF-16, not UTF-8: save it as UTF-8"));
    QVERIFY(!JsonReader::parse(QByteArray("\xff\xfe\x00\x00{\x00\x00\x00", 8), &error));
    QCOMPARE(error, QStringLiteral("line 1, column 1: the text is UTF-32, not UTF-8: save it as UTF-8"));
}

void tst_JsonReader::duplicateKeys_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");  // empty: it parses
    QTest::newRow("twice at the top")
        << QByteArray("{\"a\": 1, \"a\": 2}")
        << QStringLiteral("line 1, column 10: the key \"a\" appears twice in one "
                          "object (only one of them would be read)");
    QTest::newRow("twice deeper") << QByteArray("{\"x\": [{\"v\": 1},\n {\"v\": 1, \"w\": {}, \"v\": 3}]}")
                                  << QStringLiteral("line 2, column 20: the key \"v\"");
    // Past 16 keys an object's keys are looked up in a set: still found.
    QByteArray many = "{";
    for (int k = 0; k < 20; ++k)
        many += "\"k" + QByteArray::number(k) + "\": " + QByteArray::number(k) + ", ";
    QTest::newRow("many keys, distinct") << QByteArray(many + "\"last\": 0}") << QString();
    QTest::newRow("many keys, one twice")
        << QByteArray(many + "\"k3\": 0}") << QStringLiteral("line 1, column ");
    QTest::newRow("same key in other objects")
        << QByteArray("{\"a\": {\"a\": 1}, \"b\": [{\"a\": 1}, {\"a\": 2}]}") << QString();
    QTest::newRow("keys as values") << QByteArray("{\"a\": \"a\", \"b\": [\"a\", \"b\"], \"c\": \"b\"}")
                                    << QString();
    QTest::newRow("quotes and braces in strings")
        << QByteArray("{\"a\": \"x\\\"y}{\", \"b\": \"\\\"a\\\"\", \"c\\\"\": 1, \"c\": 2}") << QString();
    QTest::newRow("escaped backslash before a quote")
        << QByteArray("{\"a\\\\\": 1, \"a\\\\\": 2}")
        << QStringLiteral("line 1, column 12: the key \"a\\\\\"");
    // One key however it is spelled: QJsonDocument reads the escapes and keeps only the last (found by the
    // JSON reader fuzzer: "a" and "\u0061" passed).
    QTest::newRow("escaped letter") << QByteArray("{\"a\": 1, \"\\u0061\": 2}")
                                    << QStringLiteral("line 1, column 10: the key \"\\u0061\"");
    QTest::newRow("escaped slash") << QByteArray("{\"\\/x\": 1, \"/x\": 2}")
                                   << QStringLiteral("line 1, column 12: the key \"/x\"");
    QTest::newRow("surrogate pair and UTF-8")
        << QByteArray("{\"\xF0\x9F\x98\x80\": 1, \"\\ud83d\\ude00\": 2}")
        << QStringLiteral("line 1, column 13: the key");
    QTest::newRow("escaped control characters")
        << QByteArray("{\"\\b\\f\\n\\r\\t\\\"\": 1, \"\\u0008\\u000C\\u000a\\u000D\\u0009\\u0022\": 2}")
        << QStringLiteral("line 1, column 21: the key");
    QTest::newRow("two-byte and three-byte characters")
        << QByteArray("{\"\xC3\xA9\xE2\x82\xAC\": 1, \"\\u00e9\\u20AC\": 2}")
        << QStringLiteral("line 1, column 14: the key");
    QTest::newRow("different lone surrogates")
        << QByteArray("{\"\\ud800\": 1, \"\\ud801\": 2, \"\\ufffd\": 3}") << QString();
}

void tst_JsonReader::duplicateKeys()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    QJsonParseError qtError;
    QJsonDocument::fromJson(json, &qtError);
    QCOMPARE(qtError.error, QJsonParseError::NoError);  // valid JSON, every row
    QString why;
    const auto doc = JsonReader::parse(json, &why);
    if (error.isEmpty()) {
        QVERIFY2(doc, qPrintable(why));
    } else {
        QVERIFY(!doc);
        QVERIFY2(why.startsWith(error), qPrintable(why));
    }
}

void tst_JsonReader::parseErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, position);
    QString error;
    QVERIFY(!JsonReader::parse(json, &error));
    QJsonParseError qtError;
    QJsonDocument::fromJson(json, &qtError);
    QCOMPARE(error, position + QStringLiteral(": ") + qtError.errorString());
    QCOMPARE(jsonParseErrorMessage(json, qtError), error);

    QString none;
    const std::optional<QJsonDocument> doc = JsonReader::parse(R"({"a": [1]})", &none);
    QVERIFY(doc && doc->isObject());
    QVERIFY(none.isEmpty());
}

void tst_JsonReader::positions_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<int>("offset");
    QTest::addColumn<QString>("position");
    QTest::newRow("start") << QByteArray("abc") << 0 << QStringLiteral("line 1, column 1");
    QTest::newRow("same line") << QByteArray("abc") << 2 << QStringLiteral("line 1, column 3");
    QTest::newRow("after a newline") << QByteArray("a\nbc") << 2 << QStringLiteral("line 2, column 1");
    QTest::newRow("columns count bytes")
        << QByteArray("\xc3\xa9x") << 2 << QStringLiteral("line 1, column 3");
    QTest::newRow("past the end") << QByteArray("a\n") << 9 << QStringLiteral("line 2, column 1");
}

void tst_JsonReader::positions()
{
    QFETCH(QByteArray, json);
    QFETCH(int, offset);
    QFETCH(QString, position);
    QCOMPARE(jsonPosition(json, offset), position);
}

QTEST_GUILESS_MAIN(tst_JsonReader)
#include "tst_jsonreader.moc"
