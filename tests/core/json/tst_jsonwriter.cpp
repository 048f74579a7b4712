// The hand-written streaming JSON writer must produce what QJsonDocument would: same text for the same
// document, and strings that parse back to the bytes given.
#include "core/json/jsonwriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <limits>

using namespace Rwb;

class tst_JsonWriter : public QObject
{
    Q_OBJECT

private slots:
    void sameTextAsQJsonDocument();
    void stringsRoundTrip_data();
    void stringsRoundTrip();
    void nonFiniteNumbersAreNull();
    void stringObject_data();
    void stringObject();
};

void tst_JsonWriter::sameTextAsQJsonDocument()
{
    JsonWriter j;
    j.beginObject();
    j.key("a");
    j.value(1);
    j.key("b");
    j.beginArray();
    j.beginArray();
    j.string("x");
    j.string("y");
    j.endArray();
    j.beginArray();
    j.endArray();
    j.beginObject();
    j.endObject();
    j.endArray();
    j.key("c");
    j.beginObject();
    j.key("d");
    j.value(1.25);
    j.key("e");
    j.null();
    j.key("f");
    j.value(false);
    j.key("g");
    j.value(qint64(1) << 40);
    j.endObject();
    j.endObject();
    const QJsonObject expected{
        {QLatin1String("a"), 1},
        {QLatin1String("b"),
         QJsonArray{QJsonArray{QStringLiteral("x"), QStringLiteral("y")}, QJsonArray{}, QJsonObject{}}},
        {QLatin1String("c"), QJsonObject{{QLatin1String("d"), 1.25},
                                         {QLatin1String("e"), QJsonValue::Null},
                                         {QLatin1String("f"), false},
                                         {QLatin1String("g"), double(qint64(1) << 40)}}}};
    QCOMPARE(j.finish(), QJsonDocument(expected).toJson(QJsonDocument::Indented));
}

void tst_JsonWriter::stringsRoundTrip_data()
{
    QTest::addColumn<QByteArray>("utf8");
    QByteArray controls;
    for (int c = 0; c < 0x20; ++c)
        controls += char(c);
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("every control character") << controls;
    QTest::newRow("quote and backslash") << QByteArray("say \"hi\" \\ bye\\");
    QTest::newRow("utf-8") << QByteArray("caf\xC3\xA9 \xE2\x86\x92 \xF0\x9F\x98\x80");
    QTest::newRow("slash and DEL") << QByteArray("a/b\x7f");
}

void tst_JsonWriter::stringsRoundTrip()
{
    QFETCH(QByteArray, utf8);
    JsonWriter j;
    j.beginArray();
    j.string(utf8);
    j.endArray();
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(j.finish(), &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(doc.array().at(0).toString().toUtf8(), utf8);
}

void tst_JsonWriter::nonFiniteNumbersAreNull()
{
    JsonWriter j;
    j.beginArray();
    j.value(std::numeric_limits<double>::quiet_NaN());
    j.value(std::numeric_limits<double>::infinity());
    j.value(0.001);
    j.endArray();
    const QJsonArray a = QJsonDocument::fromJson(j.finish()).array();
    QVERIFY(a.at(0).isNull());
    QVERIFY(a.at(1).isNull());
    QCOMPARE(a.at(2).toDouble(), 0.001);
}

void tst_JsonWriter::stringObject_data()
{
    QTest::addColumn<QString>("first");
    QTest::addColumn<QString>("second");
    QTest::addColumn<QByteArray>("expected");  // the array holding the object, as written
    QTest::newRow("plain")
        << QStringLiteral("Location") << QStringLiteral("/next")
        << QByteArray("[\n    {\n        \"value\": \"Location\",\n        \"name\": \"/next\"\n    }\n]\n");
    QTest::newRow("empty strings")
        << QString() << QString()
        << QByteArray("[\n    {\n        \"value\": \"\",\n        \"name\": \"\"\n    }\n]\n");
    QTest::newRow("escaped") << QStringLiteral("a\"b") << QString::fromUtf8("line\nbreak \xC3\xA9")
                             << QByteArray("[\n    {\n        \"value\": \"a\\\"b\",\n        \"name\": "
                                           "\"line\\nbreak \xC3\xA9\"\n    }\n]\n");
}

// Members in the order given (here not the alphabetical one QJsonDocument would write), each as value()
// writes a string.
void tst_JsonWriter::stringObject()
{
    QFETCH(QString, first);
    QFETCH(QString, second);
    QFETCH(QByteArray, expected);
    JsonWriter j;
    j.beginArray();
    j.stringObject({{"value", first}, {"name", second}});
    j.endArray();
    QCOMPARE(j.finish(), expected);
}

QTEST_GUILESS_MAIN(tst_JsonWriter)
#include "tst_jsonwriter.moc"
