// diffHeaders: pairing by name (case-insensitive, repeated names in order), the order of the result, and
// the reason each change gets from the notes; rows use the notes the policy really writes.
#include "core/policy/headerdiff.h"
#include "core/policy/policy.h"

#include <QTest>

using namespace Rwb;

namespace {

HeaderList lines(const char *text)
{
    HeaderList out;
    for (const QByteArray &line : QByteArray(text).split('\n')) {
        if (line.isEmpty())
            continue;
        const qsizetype colon = line.indexOf(':');
        out.append({line.left(colon), line.mid(colon + 1).trimmed()});
    }
    return out;
}

// One change per entry as "kind name old→new", compact enough to compare a whole diff in one row.
QStringList summary(const QList<HeaderChange> &changes)
{
    QStringList out;
    for (const HeaderChange &c : changes) {
        QString s = headerChangeKindName(c.kind) + QLatin1Char(' ') + QString::fromLatin1(c.name);
        if (c.kind == HeaderChange::Kind::Changed)
            s += QLatin1Char(' ') + QString::fromUtf8(c.oldValue) + QStringLiteral("→")
                 + QString::fromUtf8(c.newValue);
        else
            s += QLatin1Char(' ')
                 + QString::fromUtf8(c.kind == HeaderChange::Kind::Removed ? c.oldValue : c.newValue);
        out << s;
    }
    return out;
}

QStringList list(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *s : items)
        out << QString::fromUtf8(s);
    return out;
}

const Note kCredRemoved{
    QStringLiteral("credentials-removed"),
    QStringLiteral("Authorization removed: the hop goes to another origin (http://b:80)")};
const Note kCookieCredRemoved{
    QStringLiteral("credentials-removed"),
    QStringLiteral("Cookie not sent to http://b:80: curl sends credentials only to the "
                   "first origin")};
const Note kHeaderRemoved{
    QStringLiteral("header-removed"),
    QStringLiteral("Removed Content-Type, Origin: they describe a body that is no longer "
                   "sent")};
const Note kBodyDropped{QStringLiteral("body-dropped"),
                        QStringLiteral("The 11-byte request body is not sent again")};
const Note kMethodChanged{QStringLiteral("method-changed"), QStringLiteral("POST became GET: a 302 ...")};
const Note kCookieSent{QStringLiteral("cookie-sent"), QStringLiteral("Cookie jar sends sid to b")};
const Note kRestored{QStringLiteral("credentials-restored"),
                     QStringLiteral("Authorization sent again: the hop is back on the first origin")};
const Note kKept{QStringLiteral("credentials-kept"),
                 QStringLiteral("Authorization kept on the cross-origin hop: b is trusted")};

}  // namespace

class TestHeaderDiff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void kindNames();
    void pairing_data();
    void pairing();
    void reasons_data();
    void reasons();
    void policyNotes_explainWireChanges();
};

void TestHeaderDiff::kindNames()
{
    QCOMPARE(headerChangeKindName(HeaderChange::Kind::Kept), QStringLiteral("kept"));
    QCOMPARE(headerChangeKindName(HeaderChange::Kind::Added), QStringLiteral("added"));
    QCOMPARE(headerChangeKindName(HeaderChange::Kind::Removed), QStringLiteral("removed"));
    QCOMPARE(headerChangeKindName(HeaderChange::Kind::Changed), QStringLiteral("changed"));
}

void TestHeaderDiff::pairing_data()
{
    QTest::addColumn<HeaderList>("previous");
    QTest::addColumn<HeaderList>("current");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("both-empty") << HeaderList() << HeaderList() << QStringList();
    QTest::newRow("all-kept") << lines("A: 1\nB: 2") << lines("A: 1\nB: 2") << list({"kept A 1", "kept B 2"});
    QTest::newRow("all-added") << HeaderList() << lines("A: 1\nB: 2") << list({"added A 1", "added B 2"});
    QTest::newRow("all-removed") << lines("A: 1\nB: 2") << HeaderList()
                                 << list({"removed A 1", "removed B 2"});
    QTest::newRow("case-insensitive-names-newer-spelling")
        << lines("content-type: x") << lines("Content-Type: x") << list({"kept Content-Type x"});
    QTest::newRow("value-changed") << lines("Host: a\nAccept: */*") << lines("Host: b\nAccept: */*")
                                   << list({"changed Host a→b", "kept Accept */*"});
    QTest::newRow("value-case-matters") << lines("X: abc") << lines("X: ABC") << list({"changed X abc→ABC"});
    QTest::newRow("removed-in-the-middle")
        << lines("Host: a\nAccept: x\nCookie: s=1\nConnection: keep-alive")
        << lines("Host: a\nAccept: x\nConnection: keep-alive")
        << list({"kept Host a", "kept Accept x", "removed Cookie s=1", "kept Connection keep-alive"});
    QTest::newRow("removed-first") << lines("Authorization: B\nHost: a") << lines("Host: a")
                                   << list({"removed Authorization B", "kept Host a"});
    QTest::newRow("removed-last-two-keep-order")
        << lines("Host: a\nContent-Type: t\nContent-Length: 3") << lines("Host: a")
        << list({"kept Host a", "removed Content-Type t", "removed Content-Length 3"});
    QTest::newRow("removed-before-added") << lines("A: 1\nB: 2\nC: 3") << lines("A: 1\nX: 9\nC: 3")
                                          << list({"kept A 1", "removed B 2", "added X 9", "kept C 3"});
    QTest::newRow("repeated-names-in-order")
        << lines("Cookie: a=1\nCookie: b=2") << lines("cookie: a=1\nCookie: b=3\nCookie: c=4")
        << list({"kept cookie a=1", "changed Cookie b=2→b=3", "added Cookie c=4"});
    QTest::newRow("repeated-name-one-gone")
        << lines("X: 1\nY: y\nX: 2") << lines("X: 1\nY: y") << list({"kept X 1", "kept Y y", "removed X 2"});
    QTest::newRow("reordered-removed-after-its-predecessor")
        << lines("A: 1\nB: 2\nC: 3") << lines("C: 3\nA: 1") << list({"kept C 3", "kept A 1", "removed B 2"});
    QTest::newRow("empty-values") << lines("E:\nF: 1") << lines("E: 0\nF:")
                                  << list({"changed E →0", "changed F 1→"});
}

void TestHeaderDiff::pairing()
{
    QFETCH(HeaderList, previous);
    QFETCH(HeaderList, current);
    QFETCH(QStringList, expected);
    const QList<HeaderChange> changes = diffHeaders(previous, current, {});
    QCOMPARE(summary(changes), expected);
    for (const HeaderChange &c : changes) {
        if (c.kind != HeaderChange::Kind::Kept)
            QVERIFY2(c.reason.isEmpty() || c.name.compare("Host", Qt::CaseInsensitive) == 0,
                     "no notes: no reason but the change of host");
    }
}

void TestHeaderDiff::reasons_data()
{
    QTest::addColumn<HeaderList>("previous");
    QTest::addColumn<HeaderList>("current");
    QTest::addColumn<NoteList>("notes");
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("reason");

    const NoteList all{kMethodChanged, kBodyDropped, kHeaderRemoved, kCredRemoved, kCookieSent};
    QTest::newRow("authorization-removed")
        << lines("Authorization: Basic x\nHost: a") << lines("Host: b") << all << QByteArray("Authorization")
        << QStringLiteral("removed") << kCredRemoved.message;
    QTest::newRow("cookie-removed-by-curl")
        << lines("Host: a\nCookie: s=1") << lines("Host: b") << NoteList{kCredRemoved, kCookieCredRemoved}
        << QByteArray("Cookie") << QStringLiteral("removed") << kCookieCredRemoved.message;
    QTest::newRow("proxy-authorization-unexplained")
        << lines("Proxy-Authorization: x") << HeaderList() << all << QByteArray("Proxy-Authorization")
        << QStringLiteral("removed") << QString();
    QTest::newRow("content-type-named-by-header-removed")
        << lines("Content-Type: text/plain") << HeaderList() << all << QByteArray("content-type")
        << QStringLiteral("removed") << kHeaderRemoved.message;
    QTest::newRow("origin-named") << lines("Origin: http://a") << HeaderList() << all << QByteArray("Origin")
                                  << QStringLiteral("removed") << kHeaderRemoved.message;
    QTest::newRow("content-length-by-body-dropped")
        << lines("Content-Length: 11") << HeaderList() << all << QByteArray("Content-Length")
        << QStringLiteral("removed") << kBodyDropped.message;
    QTest::newRow("content-length-by-method-changed")
        << lines("Content-Length: 0") << HeaderList() << NoteList{kMethodChanged}
        << QByteArray("Content-Length") << QStringLiteral("removed") << kMethodChanged.message;
    QTest::newRow("unrelated-removal-not-blamed-on-header-removed")
        << lines("Accept-Language: en") << HeaderList() << all << QByteArray("Accept-Language")
        << QStringLiteral("removed") << QString();
    QTest::newRow("host-changed") << lines("Host: a.test") << lines("Host: b.test:8080") << NoteList()
                                  << QByteArray("Host") << QStringLiteral("changed")
                                  << QStringLiteral("The hop goes to another host: a.test → b.test:8080");
    QTest::newRow("host-same-kept") << lines("Host: a.test") << lines("Host: a.test") << all
                                    << QByteArray("Host") << QStringLiteral("kept") << QString();
    QTest::newRow("cookie-added") << lines("Host: a") << lines("Host: a\nCookie: sid=1") << all
                                  << QByteArray("Cookie") << QStringLiteral("added") << kCookieSent.message;
    QTest::newRow("cookie-changed") << lines("Cookie: sid=1") << lines("Cookie: sid=1; t=2") << all
                                    << QByteArray("Cookie") << QStringLiteral("changed")
                                    << kCookieSent.message;
    QTest::newRow("authorization-restored")
        << lines("Host: b") << lines("Host: a\nAuthorization: x") << NoteList{kRestored}
        << QByteArray("Authorization") << QStringLiteral("added") << kRestored.message;
    QTest::newRow("authorization-kept-trusted")
        << lines("Host: a\nAuthorization: x") << lines("Host: b\nAuthorization: x") << NoteList{kKept}
        << QByteArray("Authorization") << QStringLiteral("kept") << kKept.message;
    QTest::newRow("edited-explains-other-change")
        << lines("X-Debug: 1") << lines("X-Debug: 2")
        << NoteList{{QStringLiteral("edited"), QStringLiteral("This request was edited before it was sent")}}
        << QByteArray("X-Debug") << QStringLiteral("changed")
        << QStringLiteral("This request was edited before it was sent");
}

void TestHeaderDiff::reasons()
{
    QFETCH(HeaderList, previous);
    QFETCH(HeaderList, current);
    QFETCH(NoteList, notes);
    QFETCH(QByteArray, header);
    QFETCH(QString, kind);
    QFETCH(QString, reason);
    const QList<HeaderChange> changes = diffHeaders(previous, current, notes);
    int found = 0;
    for (const HeaderChange &c : changes) {
        if (c.name.compare(header, Qt::CaseInsensitive) != 0)
            continue;
        ++found;
        QCOMPARE(headerChangeKindName(c.kind), kind);
        QCOMPARE(c.reason, reason);
    }
    QCOMPARE(found, 1);
}

// The notes the policy writes for a cross-origin POST → 302 under each profile explain what changed
// between the two requests: the message matches because diffHeaders reads the real note text.
void TestHeaderDiff::policyNotes_explainWireChanges()
{
    for (const Profile profile : allProfiles()) {
        Options o;
        o.profile = profile;
        ChainContext context;
        RequestSpec sent;
        sent.method = QByteArrayLiteral("POST");
        sent.url = QUrl(QStringLiteral("http://a.test/form"));
        sent.body = QByteArrayLiteral("x=1");
        sent.headers = lines("Authorization: Basic eDp5\nContent-Type: text/plain\nContent-Length: 3");
        context.initialRequest = sent;
        context.addSent(requestKey(sent));
        const Decision d = decideRedirect(o, context, sent, 302, lines("Location: http://b.test/next"));
        QCOMPARE(d.kind, Decision::Kind::Follow);
        const QList<HeaderChange> changes = diffHeaders(sent.headers, d.next.headers, d.notes);
        for (const HeaderChange &c : changes) {
            if (c.kind == HeaderChange::Kind::Removed)
                QVERIFY2(!c.reason.isEmpty(),
                         qPrintable(profileName(profile) + QLatin1Char(' ') + QString::fromLatin1(c.name)));
            if (c.name == "Authorization" && c.kind == HeaderChange::Kind::Removed)
                QVERIFY(c.reason.startsWith(QLatin1String("Authorization")));
        }
        // Every profile drops Authorization on this hop; strict keeps POST and its body headers.
        QVERIFY(!hasHeader(d.next.headers, "Authorization"));
        QCOMPARE(hasHeader(d.next.headers, "Content-Type"), profile != Profile::Browser);
    }
}

QTEST_GUILESS_MAIN(TestHeaderDiff)
#include "tst_headerdiff.moc"
