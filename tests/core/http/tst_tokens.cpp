// RFC 9110 tokens (methods, header field names) and the characters a field value may not hold.
#include "core/http/tokens.h"

#include <QTest>

using namespace Rwb;

class TestTokens : public QObject
{
    Q_OBJECT

private slots:
    void tokenChar_data();
    void tokenChar();
    void token_data();
    void token();
    void fieldBreak_data();
    void fieldBreak();
    void replaceFieldBreaks_data();
    void replaceFieldBreaks();
};

// Every ASCII character against RFC 9110 §5.6.2's tchar, byte and UTF-16 forms alike.
void TestTokens::tokenChar_data()
{
    QTest::addColumn<int>("c");
    QTest::addColumn<bool>("token");
    const QByteArray specials("!#$%&'*+-.^_`|~");
    for (int c = 0; c < 128; ++c) {
        const bool token = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                           || (c != 0 && specials.contains(char(c)));
        QTest::addRow("0x%02x", c) << c << token;
    }
    // Outside ASCII nothing is a tchar: Latin-1 bytes, and a UTF-16 letter whose low byte is a letter.
    QTest::newRow("0xe9") << 0xe9 << false;
    QTest::newRow("0xff") << 0xff << false;
    QTest::newRow("U+0141") << 0x141 << false;
}

void TestTokens::tokenChar()
{
    QFETCH(int, c);
    QFETCH(bool, token);
    QCOMPARE(isTokenChar(QChar(char16_t(c))), token);
    if (c < 256)
        QCOMPARE(isTokenChar(char(c)), token);
}

void TestTokens::token_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("token");
    QTest::newRow("GET") << QStringLiteral("GET") << true;
    QTest::newRow("lower-case method") << QStringLiteral("post") << true;
    QTest::newRow("WebDAV method") << QStringLiteral("PROPFIND") << true;
    QTest::newRow("header name") << QStringLiteral("X-Request-Id") << true;
    QTest::newRow("every special") << QStringLiteral("!#$%&'*+-.^_`|~") << true;
    QTest::newRow("digits") << QStringLiteral("0123") << true;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("space inside") << QStringLiteral("GET X") << false;
    QTest::newRow("trailing newline") << QStringLiteral("GET\n") << false;
    QTest::newRow("colon") << QStringLiteral("Host:") << false;
    QTest::newRow("separator") << QStringLiteral("a(b)") << false;
    QTest::newRow("quote") << QStringLiteral("a\"b") << false;
    QTest::newRow("slash") << QStringLiteral("a/b") << false;
    QTest::newRow("at") << QStringLiteral("a@b") << false;
    QTest::newRow("non-ASCII") << QStringLiteral("caf\u00e9") << false;
    QTest::newRow("NUL") << QString(QChar(u'\0')) << false;
}

void TestTokens::token()
{
    QFETCH(QString, text);
    QFETCH(bool, token);
    QCOMPARE(isToken(QStringView(text)), token);
    QCOMPARE(isToken(QByteArrayView(text.toUtf8())), token);
}

void TestTokens::fieldBreak_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("breaks");
    QTest::newRow("plain") << QStringLiteral("text/html; charset=utf-8") << false;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("tab and space") << QStringLiteral("a\tb c") << false;
    QTest::newRow("non-ASCII") << QStringLiteral("caf\u00e9") << false;
    QTest::newRow("CR") << QStringLiteral("a\rb") << true;
    QTest::newRow("LF") << QStringLiteral("a\nb") << true;
    QTest::newRow("CRLF at the end") << QStringLiteral("a\r\n") << true;
    QTest::newRow("NUL") << (QStringLiteral("a") + QChar(u'\0')) << true;
}

void TestTokens::fieldBreak()
{
    QFETCH(QString, value);
    QFETCH(bool, breaks);
    QCOMPARE(hasFieldBreak(QStringView(value)), breaks);
    QCOMPARE(hasFieldBreak(QByteArrayView(value.toUtf8())), breaks);
}

void TestTokens::replaceFieldBreaks_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("untouched") << QByteArray("a b\tc") << QByteArray("a b\tc");
    QTest::newRow("CRLF") << QByteArray("a\r\nX-Injected: 1") << QByteArray("a  X-Injected: 1");
    QTest::newRow("NUL") << QByteArray("a\0b", 3) << QByteArray("a b");
    QTest::newRow("only breaks") << QByteArray("\r\n\n", 3) << QByteArray("   ");
    QTest::newRow("UTF-8 kept") << QByteArray("caf\xc3\xa9\n") << QByteArray("caf\xc3\xa9 ");
}

void TestTokens::replaceFieldBreaks()
{
    QFETCH(QByteArray, value);
    QFETCH(QByteArray, expected);
    QCOMPARE(Rwb::replaceFieldBreaks(value), expected);
    QVERIFY(!hasFieldBreak(Rwb::replaceFieldBreaks(value)));
}

QTEST_GUILESS_MAIN(TestTokens)
#include "tst_tokens.moc"
