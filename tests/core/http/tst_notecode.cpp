// Note codes: the one table between NoteCode and the stable strings of the trace format
// (shared/design/cli-and-trace-format.md, notes[].code). Every code round-trips, the strings are the
// documented ones and unique, and a code this version does not know is kept as written.
#include "core/formats/tracejson.h"
#include "core/http/notecode.h"
#include "core/http/trace.h"

#include <QSet>
#include <QTest>

using namespace Rwb;

Q_DECLARE_METATYPE(Rwb::NoteCode)

class TestNoteCode : public QObject
{
    Q_OBJECT

private slots:
    void stableStrings_data();
    void stableStrings();
    void everyCode_roundTrips_data();
    void everyCode_roundTrips();
    void strings_unique();
    void allCodes_coverTheEnum();
    void unknownCodes_areOther_data();
    void unknownCodes_areOther();
    void note_fromCode();
    void note_unknownCodeKept();
    void hasNote_byCodeAndString();
    void traceJson_keepsUnknownCodes();
    void cookieCodes_data();
    void cookieCodes();
};

// The strings are written into trace files: each one pinned here, so a rename fails this test.
void TestNoteCode::stableStrings_data()
{
    QTest::addColumn<NoteCode>("code");
    QTest::addColumn<QString>("name");
    const QList<QPair<NoteCode, const char *>> rows{
        {NoteCode::Edited, "edited"},
        {NoteCode::CredentialsFromUrl, "credentials-from-url"},
        {NoteCode::CookieSeeded, "cookie-seeded"},
        {NoteCode::CookieSent, "cookie-sent"},
        {NoteCode::TlsErrorAccepted, "tls-error-accepted"},
        {NoteCode::HeadReceived, "head-received"},
        {NoteCode::CookieStored, "cookie-stored"},
        {NoteCode::CookieRejected, "cookie-rejected"},
        {NoteCode::CookieIgnored, "cookie-ignored"},
        {NoteCode::HstsUpgrade, "hsts-upgrade"},
        {NoteCode::HstsStored, "hsts-stored"},
        {NoteCode::HstsCleared, "hsts-cleared"},
        {NoteCode::HstsIgnored, "hsts-ignored"},
        {NoteCode::LocationMissing, "location-missing"},
        {NoteCode::LocationEmpty, "location-empty"},
        {NoteCode::LocationMultiple, "location-multiple"},
        {NoteCode::LocationTrimmed, "location-trimmed"},
        {NoteCode::LocationBackslash, "location-backslash"},
        {NoteCode::LocationEncoded, "location-encoded"},
        {NoteCode::LocationDecoded, "location-decoded"},
        {NoteCode::InvalidLocation, "invalid-location"},
        {NoteCode::FragmentInherited, "fragment-inherited"},
        {NoteCode::FragmentDropped, "fragment-dropped"},
        {NoteCode::NotFollowed, "not-followed"},
        {NoteCode::BlockedScheme, "blocked-scheme"},
        {NoteCode::TooManyRedirects, "too-many-redirects"},
        {NoteCode::MethodChanged, "method-changed"},
        {NoteCode::MethodKept, "method-kept"},
        {NoteCode::BodyDropped, "body-dropped"},
        {NoteCode::HeaderRemoved, "header-removed"},
        {NoteCode::CrossOrigin, "cross-origin"},
        {NoteCode::Downgrade, "downgrade"},
        {NoteCode::CredentialsRemoved, "credentials-removed"},
        {NoteCode::CredentialsKept, "credentials-kept"},
        {NoteCode::CredentialsRestored, "credentials-restored"},
        {NoteCode::Loop, "loop"},
        {NoteCode::Redirect, "redirect"},
        {NoteCode::ReferrerTrimmed, "referrer-trimmed"},
        {NoteCode::ReferrerRemoved, "referrer-removed"},
        {NoteCode::ReferrerPolicySet, "referrer-policy-set"},
        {NoteCode::OriginNull, "origin-null"},
        {NoteCode::FetchSite, "fetch-site"},
        {NoteCode::CorsBlocked, "cors-blocked"},
        {NoteCode::BodyRefused, "body-refused"},
        {NoteCode::HeaderSuppressed, "header-suppressed"},
        {NoteCode::HeaderAdded, "header-added"},
        {NoteCode::CookieNotSent, "cookie-not-sent"},
        {NoteCode::CookieDeleted, "cookie-deleted"},
        {NoteCode::CookiePreset, "cookie-preset"},
        {NoteCode::RefreshFollowed, "refresh-followed"},
        {NoteCode::RefreshNotFollowed, "refresh-not-followed"},
        {NoteCode::ScriptRedirect, "script-redirect"},
        {NoteCode::RequestRefused, "request-refused"},
        {NoteCode::HeadTooLarge, "head-too-large"},
        {NoteCode::AddressOverride, "address-override"},
        {NoteCode::CertificateExpiring, "certificate-expiring"},
        {NoteCode::ViaProxy, "via-proxy"},
    };
    // Every code is pinned: a new code needs its row here.
    QCOMPARE(rows.size(), allNoteCodes().size());
    for (const auto &[code, name] : rows)
        QTest::newRow(name) << code << QString::fromLatin1(name);
}

void TestNoteCode::stableStrings()
{
    QFETCH(NoteCode, code);
    QFETCH(QString, name);
    QCOMPARE(noteCodeName(code), name);
    QCOMPARE(noteCodeFromName(name), code);
}

void TestNoteCode::everyCode_roundTrips_data()
{
    QTest::addColumn<NoteCode>("code");
    for (NoteCode code : allNoteCodes())
        QTest::newRow(qPrintable(noteCodeName(code))) << code;
}

void TestNoteCode::everyCode_roundTrips()
{
    QFETCH(NoteCode, code);
    const QString name = noteCodeName(code);
    QVERIFY(!name.isEmpty());
    QCOMPARE(noteCodeFromName(name), code);
    // Lower-case words joined by '-': what the trace format's codes look like.
    for (QChar c : name)
        QVERIFY2((c >= QLatin1Char('a') && c <= QLatin1Char('z')) || c == QLatin1Char('-'), qPrintable(name));
    QVERIFY(!name.startsWith(QLatin1Char('-')) && !name.endsWith(QLatin1Char('-')));
}

void TestNoteCode::strings_unique()
{
    QSet<QString> seen;
    for (NoteCode code : allNoteCodes()) {
        const QString name = noteCodeName(code);
        QVERIFY2(!seen.contains(name), qPrintable(name));
        seen.insert(name);
    }
    QCOMPARE(seen.size(), allNoteCodes().size());
}

// allNoteCodes() is every enumerator before Other, once and in order, and Other has no string.
void TestNoteCode::allCodes_coverTheEnum()
{
    const QList<NoteCode> all = allNoteCodes();
    QCOMPARE(all.size(), qsizetype(NoteCode::Other));
    for (qsizetype i = 0; i < all.size(); ++i)
        QCOMPARE(int(all.at(i)), int(i));
    QVERIFY(!all.contains(NoteCode::Other));
    QVERIFY(noteCodeName(NoteCode::Other).isEmpty());
}

void TestNoteCode::unknownCodes_areOther_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("future code") << QStringLiteral("x-future-code");
    QTest::newRow("empty") << QString();
    QTest::newRow("case differs") << QStringLiteral("Redirect");
    QTest::newRow("surrounding space") << QStringLiteral(" loop");
    QTest::newRow("prefix of a code") << QStringLiteral("credentials");
    QTest::newRow("code plus suffix") << QStringLiteral("redirects");
}

void TestNoteCode::unknownCodes_areOther()
{
    QFETCH(QString, name);
    QCOMPARE(noteCodeFromName(name), NoteCode::Other);
}

void TestNoteCode::note_fromCode()
{
    const Note note(NoteCode::BodyDropped, QStringLiteral("The 3-byte request body is not sent again"));
    QCOMPARE(note.code, QStringLiteral("body-dropped"));
    QCOMPARE(note.kind(), NoteCode::BodyDropped);
    QVERIFY(note.is(NoteCode::BodyDropped));
    QVERIFY(!note.is(NoteCode::MethodChanged));
    QVERIFY(!note.is(NoteCode::Other));
    QCOMPARE(note, (Note{QStringLiteral("body-dropped"), note.message}));
}

void TestNoteCode::note_unknownCodeKept()
{
    const Note note{QStringLiteral("x-future-code"), QStringLiteral("said by a later version")};
    QCOMPARE(note.code, QStringLiteral("x-future-code"));
    QCOMPARE(note.kind(), NoteCode::Other);
    QVERIFY(note.is(NoteCode::Other));
    QVERIFY(!note.is(NoteCode::Redirect));
}

void TestNoteCode::hasNote_byCodeAndString()
{
    const NoteList notes{{NoteCode::CrossOrigin, QStringLiteral("a")},
                         {QStringLiteral("x-future-code"), QStringLiteral("b")}};
    QVERIFY(hasNote(notes, NoteCode::CrossOrigin));
    QVERIFY(hasNote(notes, QStringLiteral("cross-origin")));
    QVERIFY(!hasNote(notes, NoteCode::Downgrade));
    QVERIFY(hasNote(notes, NoteCode::Other));
    QVERIFY(hasNote(notes, QStringLiteral("x-future-code")));
    QVERIFY(!hasNote(NoteList{{NoteCode::Loop, QString()}}, NoteCode::Other));
}

// A trace from another version: its codes come back from JSON and go out again unchanged.
void TestNoteCode::traceJson_keepsUnknownCodes()
{
    Trace trace;
    trace.profile = QStringLiteral("browser");
    Hop hop;
    hop.request.method = "GET";
    hop.request.url = QUrl(QStringLiteral("http://a.example/"));
    hop.notes = {{NoteCode::Redirect, QStringLiteral("302 Found: following Location to /b")},
                 {QStringLiteral("x-future-code"), QStringLiteral("said by a later version")},
                 {NoteCode::CookieStored, QStringLiteral("Cookie id stored")}};
    trace.hops.append(hop);

    const QByteArray json = traceToJsonBytes(trace);
    const TraceLoadResult loaded = traceFromJson(json);
    QVERIFY2(loaded.trace, qPrintable(loaded.error));
    const NoteList &notes = loaded.trace->hops.at(0).notes;
    QCOMPARE(notes, hop.notes);
    QCOMPARE(notes.at(0).kind(), NoteCode::Redirect);
    QCOMPARE(notes.at(1).kind(), NoteCode::Other);
    QCOMPARE(notes.at(1).code, QStringLiteral("x-future-code"));
    QCOMPARE(traceToJsonBytes(*loaded.trace), json);
}

void TestNoteCode::cookieCodes_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("cookie");
    for (NoteCode code : allNoteCodes()) {
        const QString name = noteCodeName(code);
        const bool cookie = code == NoteCode::CookieSeeded || code == NoteCode::CookieSent
                            || code == NoteCode::CookieStored || code == NoteCode::CookieRejected
                            || code == NoteCode::CookieIgnored || code == NoteCode::CookieNotSent
                            || code == NoteCode::CookieDeleted || code == NoteCode::CookiePreset;
        QTest::newRow(qPrintable(name)) << name << cookie;
    }
    // A later version's cookie decision still counts as one.
    QTest::newRow("future cookie code") << QStringLiteral("cookie-partitioned") << true;
    QTest::newRow("cookie without dash") << QStringLiteral("cookies") << false;
}

void TestNoteCode::cookieCodes()
{
    QFETCH(QString, name);
    QFETCH(bool, cookie);
    QCOMPARE(isCookieNoteCode(name), cookie);
}

QTEST_GUILESS_MAIN(TestNoteCode)
#include "tst_notecode.moc"
