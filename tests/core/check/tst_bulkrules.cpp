// checkBulkChain (issue 14): each problem code from the chain that causes it, the line's own expectations
// over the run's rules, warnings that do not fail a line.
#include "core/check/bulkrules.h"

#include <QTest>

using namespace Rwb;

Q_DECLARE_METATYPE(Rwb::BulkLine)
Q_DECLARE_METATYPE(Rwb::BulkRules)
Q_DECLARE_METATYPE(Rwb::Trace)

namespace {

// A chain from "STATUS URL" steps: each step is a hop requesting URL and answered with STATUS; the outcome
// is Final unless given.
Trace chain(const QStringList &steps, OutcomeKind kind = OutcomeKind::Final, const QString &message = {})
{
    Trace t;
    for (const QString &step : steps) {
        Hop hop;
        hop.index = int(t.hops.size());
        hop.request.method = "GET";
        hop.request.url = QUrl(step.section(QLatin1Char(' '), 1));
        WireResponse r;
        r.status = step.section(QLatin1Char(' '), 0, 0).toInt();
        hop.response = r;
        t.hops << hop;
    }
    t.outcome.kind = kind;
    t.outcome.message = message;
    if (!t.hops.isEmpty()) {
        t.outcome.finalUrl = t.hops.last().request.url;
        t.outcome.finalStatus = t.hops.last().response->status;
    }
    return t;
}

BulkLine lineFor(const char *url)
{
    BulkLine l;
    l.lineNumber = 1;
    l.from = QString::fromLatin1(url);
    l.url = QUrl(l.from);
    return l;
}

QStringList codes(const QList<BulkProblem> &problems)
{
    QStringList out;
    for (const BulkProblem &p : problems)
        out << (p.warning ? QLatin1String("~") : QLatin1String("")) + p.code;
    return out;
}

}  // namespace

class tst_BulkRules : public QObject
{
    Q_OBJECT

private slots:
    void problems_data();
    void problems();
    void messages();
    void everyCodeIsListed();
    void comparable_data();
    void comparable();
};

void tst_BulkRules::problems_data()
{
    QTest::addColumn<BulkLine>("line");
    QTest::addColumn<BulkRules>("rules");
    QTest::addColumn<Trace>("trace");
    QTest::addColumn<QStringList>("expected");

    const QStringList good{QStringLiteral("301 https://a.test/old"),
                           QStringLiteral("200 https://a.test/new")};
    BulkLine mapped = lineFor("https://a.test/old");
    mapped.expectedTarget = QUrl(QStringLiteral("https://a.test/new"));
    mapped.expectedStatuses = {301, 308};
    QTest::newRow("passes") << mapped << BulkRules() << chain(good) << QStringList();
    QTest::newRow("passes, default port and fragment")
        << mapped << BulkRules()
        << chain({QStringLiteral("301 https://a.test/old"),
                  QStringLiteral("200 https://a.test:443/x/../new#top")})
        << QStringList();
    QTest::newRow("wrong target") << mapped << BulkRules()
                                  << chain({QStringLiteral("301 https://a.test/old"),
                                            QStringLiteral("200 https://a.test/other")})
                                  << QStringList{QStringLiteral("wrong-target")};
    QTest::newRow("wrong status") << mapped << BulkRules()
                                  << chain({QStringLiteral("302 https://a.test/old"),
                                            QStringLiteral("200 https://a.test/new")})
                                  << QStringList{QStringLiteral("wrong-status")};
    BulkRules permanent;
    permanent.expectPermanent = true;
    const Trace mixed =
        chain({QStringLiteral("301 https://a.test/old"), QStringLiteral("302 https://a.test/mid"),
               QStringLiteral("200 https://a.test/new")});
    QTest::newRow("temporary with --expect-permanent") << lineFor("https://a.test/old") << permanent << mixed
                                                       << QStringList{QStringLiteral("temporary-redirect")};
    QTest::newRow("mixed is a warning") << lineFor("https://a.test/old") << BulkRules() << mixed
                                        << QStringList{QStringLiteral("~mixed-permanence")};
    BulkRules oneHop;
    oneHop.maxHops = 1;
    QTest::newRow("too many hops") << lineFor("https://a.test/old") << oneHop << mixed
                                   << QStringList{QStringLiteral("~mixed-permanence"),
                                                  QStringLiteral("too-many-hops")};
    BulkLine ownHops = lineFor("https://a.test/old");
    ownHops.maxHops = 2;
    QTest::newRow("the line's hops over the rule's")
        << ownHops << oneHop << mixed << QStringList{QStringLiteral("~mixed-permanence")};
    BulkRules strict;
    strict.noDowngrade = true;
    strict.sameHost = true;
    QTest::newRow("downgrade and other host")
        << lineFor("https://a.test/") << strict
        << chain({QStringLiteral("301 https://a.test/"), QStringLiteral("301 http://a.test/"),
                  QStringLiteral("200 http://b.test/")})
        << QStringList{QStringLiteral("downgrade"), QStringLiteral("other-host")};
    QTest::newRow("final status default 2xx")
        << lineFor("https://a.test/") << BulkRules() << chain({QStringLiteral("404 https://a.test/")})
        << QStringList{QStringLiteral("final-status")};
    BulkRules gone;
    gone.finalStatuses = {410};
    QTest::newRow("final status by rule") << lineFor("https://a.test/") << gone
                                          << chain({QStringLiteral("410 https://a.test/")}) << QStringList();
    BulkLine own = lineFor("https://a.test/");
    own.finalStatuses = {404};
    QTest::newRow("the line's final status over the rule's")
        << own << gone << chain({QStringLiteral("410 https://a.test/")})
        << QStringList{QStringLiteral("final-status")};
    QTest::newRow("loop") << mapped << BulkRules()
                          << chain({QStringLiteral("301 https://a.test/old"),
                                    QStringLiteral("301 https://a.test/old")},
                                   OutcomeKind::Loop, QStringLiteral("Loop"))
                          << QStringList{QStringLiteral("loop")};
    QTest::newRow("error") << mapped << BulkRules()
                           << chain({}, OutcomeKind::NetworkError, QStringLiteral("refused"))
                           << QStringList{QStringLiteral("error")};
    QTest::newRow("timeout") << lineFor("https://a.test/") << BulkRules()
                             << chain({}, OutcomeKind::Timeout, QStringLiteral("slow"))
                             << QStringList{QStringLiteral("error")};
    QTest::newRow("redirect limit") << lineFor("https://a.test/") << BulkRules()
                                    << chain({QStringLiteral("302 https://a.test/")},
                                             OutcomeKind::TooManyRedirects, QStringLiteral("limit"))
                                    << QStringList{QStringLiteral("redirect-limit")};
    QTest::newRow("invalid location")
        << lineFor("https://a.test/") << BulkRules()
        << chain({QStringLiteral("302 https://a.test/")}, OutcomeKind::InvalidLocation, QStringLiteral("bad"))
        << QStringList{QStringLiteral("invalid-location")};
    QTest::newRow("stopped") << mapped << BulkRules()
                             << chain({}, OutcomeKind::Stopped, QStringLiteral("stop"))
                             << QStringList{QStringLiteral("stopped")};
    BulkLine invalid;
    invalid.from = QStringLiteral("nope");
    invalid.invalid = QStringLiteral("'nope' is not an absolute http or https URL");
    QTest::newRow("invalid url") << invalid << BulkRules() << Trace()
                                 << QStringList{QStringLiteral("invalid-url")};
}

void tst_BulkRules::problems()
{
    QFETCH(BulkLine, line);
    QFETCH(BulkRules, rules);
    QFETCH(Trace, trace);
    QFETCH(QStringList, expected);
    const QList<BulkProblem> problems = checkBulkChain(line, rules, trace);
    QCOMPARE(codes(problems), expected);
    bool failing = false;
    for (const QString &c : expected)
        failing = failing || !c.startsWith(QLatin1Char('~'));
    QCOMPARE(bulkLinePassed(problems), !failing);
    for (const BulkProblem &p : problems)
        QVERIFY2(!p.message.isEmpty(), qPrintable(p.code));
}

void tst_BulkRules::messages()
{
    BulkLine line = lineFor("https://a.test/old");
    line.expectedTarget = QUrl(QStringLiteral("https://a.test/new"));
    line.expectedStatuses = {301, 308};
    BulkRules rules;
    rules.expectPermanent = true;
    rules.maxHops = 1;
    rules.finalStatuses = {200, 204};
    const QList<BulkProblem> problems = checkBulkChain(
        line, rules,
        chain({QStringLiteral("302 https://a.test/old"), QStringLiteral("307 https://a.test/mid"),
               QStringLiteral("404 https://a.test/elsewhere")}));
    QCOMPARE(
        problems,
        (QList<BulkProblem>{
            {QStringLiteral("wrong-status"), QStringLiteral("the first response is 302, not 301|308"), false},
            {QStringLiteral("temporary-redirect"),
             QStringLiteral("hop 0 is 302, hop 1 is 307 (301 or 308 expected)"), false},
            {QStringLiteral("too-many-hops"), QStringLiteral("2 redirects, 1 at most"), false},
            {QStringLiteral("wrong-target"),
             QStringLiteral("ends at https://a.test/elsewhere, not https://a.test/new"), false},
            {QStringLiteral("final-status"), QStringLiteral("ends with 404, not 200|204"), false}}));
}

void tst_BulkRules::everyCodeIsListed()
{
    QCOMPARE(bulkProblemCodes().size(), 14);
    QStringList unique = bulkProblemCodes();
    QCOMPARE(unique.removeDuplicates(), 0);
}

void tst_BulkRules::comparable_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<bool>("same");
    QTest::newRow("empty path") << QStringLiteral("https://A.test") << QStringLiteral("https://a.test/")
                                << true;
    QTest::newRow("default port") << QStringLiteral("http://a.test:80/x") << QStringLiteral("http://a.test/x")
                                  << true;
    QTest::newRow("other port") << QStringLiteral("http://a.test:8080/x") << QStringLiteral("http://a.test/x")
                                << false;
    QTest::newRow("query matters") << QStringLiteral("https://a.test/?a=1")
                                   << QStringLiteral("https://a.test/") << false;
    QTest::newRow("trailing slash matters")
        << QStringLiteral("https://a.test/x/") << QStringLiteral("https://a.test/x") << false;
    QTest::newRow("scheme matters") << QStringLiteral("http://a.test/") << QStringLiteral("https://a.test/")
                                    << false;
}

void tst_BulkRules::comparable()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(bool, same);
    QCOMPARE(comparableUrl(QUrl(a)) == comparableUrl(QUrl(b)), same);
}

QTEST_GUILESS_MAIN(tst_BulkRules)
#include "tst_bulkrules.moc"
