// The timeline card's geometry, without painting: the duration bar on the trace's common scale, badges
// that neither overlap nor leave the card, hosts elided to fit, the pending and outcome cards, columns
// that line up from row to row, and the row read from the model's roles (through a proxy too).
#include "support/synthetictrace.h"
#include "workbench/timelinelayout.h"
#include "workbench/timelinemodel.h"

#include <QFontMetrics>
#include <QGuiApplication>
#include <QIdentityProxyModel>
#include <QTest>

using namespace Rwb;
using namespace Rwb::Test;

namespace {

using Row = TimelineLayout::Row;
using RowKind = TimelineModel::RowKind;

Row hopRow(int hopIndex = 3)
{
    Row row;
    row.kind = RowKind::Hop;
    row.hopIndex = hopIndex;
    row.state = TimelineModel::HopState::Answered;
    row.status = 302;
    row.reason = QStringLiteral("Found");
    row.method = QStringLiteral("GET");
    row.url = QUrl(QStringLiteral("https://a.example/step?q=1"));
    row.startMs = 10;
    row.responseMs = 15;
    row.endMs = 20;
    row.totalMs = 100;
    return row;
}

Row pendingRow()
{
    Row row;
    row.kind = RowKind::Pending;
    row.hopIndex = 4;
    row.method = QStringLiteral("PUT");
    row.previousMethod = QStringLiteral("POST");
    row.url = QUrl(QStringLiteral("http://b.example:8080/next"));
    row.originChange = TimelineModel::OriginChange::CrossOrigin;
    row.message = QStringLiteral("Not sent yet");
    row.differences = {QStringLiteral("method differs")};
    return row;
}

QList<TimelineModel::Badge> someBadges(int count)
{
    static const char *const texts[] = {"credentials removed", "cookie set",          "body dropped",
                                        "HSTS upgrade",        "#fragment inherited", "loop"};
    QList<TimelineModel::Badge> badges;
    for (int i = 0; i < count; ++i) {
        badges.append({QLatin1String(texts[i % 6]), Theme::Tone(i % 4), QStringLiteral("why %1").arg(i)});
    }
    return badges;
}

QRect itemRect(int width)
{
    return QRect(0, 40, width, TimelineLayout::cardHeight(QGuiApplication::font()));
}

}  // namespace

class tst_TimelineLayout : public QObject
{
    Q_OBJECT

private slots:
    void phasesSplitTheBar();
    void barScalesWithDuration_data();
    void barScalesWithDuration();
    void badgesStayInsideAndApart_data();
    void badgesStayInsideAndApart();
    void longHostsAreElided_data();
    void longHostsAreElided();
    void statusAndReason_data();
    void statusAndReason();
    void pendingCard();
    void outcomeCard_data();
    void outcomeCard();
    void columnsLineUpAcrossRows_data();
    void columnsLineUpAcrossRows();
    void rowFromModelRoles();
    void refreshPillAndConnector_data();
    void refreshPillAndConnector();
    void pausePill_data();
    void pausePill();
};

void tst_TimelineLayout::barScalesWithDuration_data()
{
    QTest::addColumn<double>("startMs");
    QTest::addColumn<double>("endMs");
    QTest::addColumn<double>("totalMs");
    QTest::addColumn<int>("width");
    // The first half of the scale, a quarter in the middle, all of it, on a wide and a compact card.
    QTest::newRow("first half") << 0.0 << 50.0 << 100.0 << 1100;
    QTest::newRow("second quarter") << 25.0 << 50.0 << 100.0 << 1100;
    QTest::newRow("whole scale") << 0.0 << 100.0 << 100.0 << 1100;
    QTest::newRow("compact quarter") << 50.0 << 75.0 << 100.0 << 500;
    QTest::newRow("long trace") << 9000.0 << 12500.0 << 12500.0 << 800;
}

// Measured phases split the bar into its parts, in the order they happened, side by side, each as wide as
// its share; sending and waiting make one part; a phase that did not happen has none.
void tst_TimelineLayout::phasesSplitTheBar()
{
    Row row = hopRow();
    row.startMs = 0;
    row.endMs = 100;
    row.totalMs = 100;
    row.phases = {10, 5, 5, 20, 1, 39, 20};  // blocked dns connect tls send wait receive
    const TimelineLayout l = TimelineLayout::compute(row, itemRect(900), QGuiApplication::font());
    QList<Theme::Phase> phases;
    for (const TimelineLayout::PhaseBar &part : l.phaseBars)
        phases << part.phase;
    QCOMPARE(phases,
             (QList<Theme::Phase>{Theme::Phase::Queued, Theme::Phase::Dns, Theme::Phase::Connect,
                                  Theme::Phase::Tls, Theme::Phase::Waiting, Theme::Phase::Receiving}));
    const double perMs = l.barArea.width() / 100.0;
    const QList<double> ms{10, 5, 5, 20, 40, 20};
    int x = l.bar.left();
    for (int i = 0; i < l.phaseBars.size(); ++i) {
        const QRect &r = l.phaseBars.at(i).rect;
        QCOMPARE(r.left(), x);  // no gap, no overlap
        QVERIFY2(qAbs(r.width() - ms.at(i) * perMs) <= 1.5,
                 qPrintable(QStringLiteral("part %1: %2 px for %3 ms").arg(i).arg(r.width()).arg(ms.at(i))));
        QVERIFY(l.barArea.contains(r));
        x = r.right() + 1;
    }
    // A reused connection: no DNS, connect or TLS part.
    row.phases = {2, -1, -1, -1, 1, 77, 20};
    const TimelineLayout reused = TimelineLayout::compute(row, itemRect(900), QGuiApplication::font());
    QCOMPARE(reused.phaseBars.size(), 3);
    QCOMPARE(reused.phaseBars.at(1).phase, Theme::Phase::Waiting);
    // Not measured: the bar as before.
    row.phases.clear();
    QVERIFY(TimelineLayout::compute(row, itemRect(900), QGuiApplication::font()).phaseBars.isEmpty());
}

void tst_TimelineLayout::barScalesWithDuration()
{
    QFETCH(double, startMs);
    QFETCH(double, endMs);
    QFETCH(double, totalMs);
    QFETCH(int, width);
    Row row = hopRow();
    row.startMs = startMs;
    row.responseMs = startMs;
    row.endMs = endMs;
    row.totalMs = totalMs;
    const TimelineLayout l = TimelineLayout::compute(row, itemRect(width), QGuiApplication::font());
    const QRect &scale = l.barArea;
    QVERIFY(l.line2.contains(scale));
    QVERIFY(scale.width() >= 40);
    const double perMs = scale.width() / totalMs;
    QVERIFY(qAbs(l.bar.left() - (scale.left() + startMs * perMs)) <= 1);
    QVERIFY2(qAbs(l.bar.width() - (endMs - startMs) * perMs) <= 1.5,
             qPrintable(QStringLiteral("%1 px for %2 ms").arg(l.bar.width()).arg(endMs - startMs)));
    QVERIFY(scale.contains(l.bar));
    QCOMPARE(l.bar.top(), scale.top());
    QCOMPARE(l.bar.height(), scale.height());
    QVERIFY(l.barTail.isNull());  // the head came at once: no tail

    // Twice as long on the same scale: twice the bar (up to rounding).
    Row longer = row;
    longer.endMs = startMs + 2 * (endMs - startMs);
    longer.totalMs = std::max(totalMs, longer.endMs);
    Row same = row;
    same.totalMs = longer.totalMs;
    const int single = TimelineLayout::compute(same, itemRect(width), QGuiApplication::font()).bar.width();
    const int twice = TimelineLayout::compute(longer, itemRect(width), QGuiApplication::font()).bar.width();
    QVERIFY2(qAbs(twice - 2 * single) <= 2, qPrintable(QStringLiteral("%1 vs %2").arg(twice).arg(single)));

    // Waiting for the head, then the body: the tail starts at the first byte and ends with the bar.
    row.responseMs = (startMs + endMs) / 2;
    const TimelineLayout tailed = TimelineLayout::compute(row, itemRect(width), QGuiApplication::font());
    QVERIFY(!tailed.barTail.isNull());
    QCOMPARE(tailed.barTail.right(), tailed.bar.right());
    QVERIFY(qAbs(tailed.barTail.left() - (scale.left() + row.responseMs * perMs)) <= 1);
    // In flight: the bar runs to the end of the scale, the figure is "…".
    row.state = TimelineModel::HopState::Sending;
    row.endMs = 0;
    const TimelineLayout flying = TimelineLayout::compute(row, itemRect(width), QGuiApplication::font());
    QCOMPARE(flying.bar.right(), scale.right());
    QCOMPARE(flying.duration.text, QStringLiteral("…"));
    QVERIFY(flying.barTail.isNull());
}

void tst_TimelineLayout::badgesStayInsideAndApart_data()
{
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("count");
    QTest::addColumn<bool>("differs");
    QTest::addColumn<bool>("failed");
    QTest::addColumn<bool>("room");  // for a badge or a "+N" at least
    for (const int width : {1400, 1100, 700, 560, 480, 360, 300}) {
        for (const int count : {1, 3, 12}) {
            for (const bool differs : {false, true}) {
                QTest::addRow("%d px, %d badges%s", width, count, differs ? ", differs" : "")
                    << width << count << differs << (count == 3) << (width > 300 || !differs);
            }
        }
    }
}

void tst_TimelineLayout::badgesStayInsideAndApart()
{
    QFETCH(int, width);
    QFETCH(int, count);
    QFETCH(bool, differs);
    QFETCH(bool, failed);
    QFETCH(bool, room);
    Row row = hopRow();
    row.badges = someBadges(count);
    if (differs)
        row.differences = {QStringLiteral("status differs")};
    if (failed) {
        row.state = TimelineModel::HopState::Failed;
        row.status = 0;
        row.errorMessage = QStringLiteral("Connection refused");
    }
    const TimelineLayout l = TimelineLayout::compute(row, itemRect(width), QGuiApplication::font());
    QCOMPARE(l.differsMark.rect.isNull(), !differs);
    QVERIFY(l.card.contains(l.differsMark.rect) || !differs);
    QCOMPARE(!l.badges.isEmpty(), room);
    // A failed hop's message comes after the badges and is cut before the "differs" mark.
    QCOMPARE(l.error.rect.isNull(), !failed);
    if (failed) {
        QVERIFY(l.error.rect.left() > (l.badges.isEmpty() ? l.duration.rect : l.badges.last().rect).right());
        QVERIFY(l.error.rect.right() <= l.line2.right());
        QVERIFY(!l.error.rect.intersects(l.differsMark.rect));
        QVERIFY(QFontMetrics(QGuiApplication::font()).horizontalAdvance(l.error.text)
                <= l.error.rect.width());
    }
    if (!room)
        return;
    // Shown badges plus the ones a "+N" stands for: every badge, in order.
    int shown = int(l.badges.size());
    if (l.badges.last().text.startsWith(QLatin1Char('+'))) {
        shown += l.badges.last().text.mid(1).toInt() - 1;
        QCOMPARE(l.badges.last().toolTip.count(QLatin1Char('\n')), count - int(l.badges.size()));
    }
    QCOMPARE(shown, count);
    for (int i = 0; i < l.badges.size(); ++i) {
        const QRect &rect = l.badges.at(i).rect;
        QVERIFY2(l.line2.contains(rect), qPrintable(l.badges.at(i).text));
        QVERIFY(rect.left() > l.duration.rect.right());
        QVERIFY(!rect.intersects(l.differsMark.rect));
        if (i > 0)
            QVERIFY(rect.left() > l.badges.at(i - 1).rect.right());
        if (!l.badges.at(i).text.startsWith(QLatin1Char('+')))
            QCOMPARE(l.badges.at(i).text, row.badges.at(i).text);
    }
    // Hit-testing finds each badge at its centre and none in the gap after it.
    for (const TimelineLayout::Pill &badge : l.badges) {
        QCOMPARE(l.badgeAt(badge.rect.center()), &badge);
        QVERIFY(!l.badgeAt(QPoint(badge.rect.right() + 2, badge.rect.center().y())));
    }
}

void tst_TimelineLayout::longHostsAreElided_data()
{
    QTest::addColumn<int>("width");
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("elided");
    const QString longHost =
        QStringLiteral("https://a-very-long-subdomain-name.of-an-extremely-long-domain-name-"
                       "that-goes-on.example.com:8443/path?q=1");
    for (const int width : {1100, 700, 480, 300}) {
        QTest::addRow("long host, %d px", width) << width << longHost << true;
        QTest::addRow("short host, %d px", width)
            << width << QStringLiteral("https://a.test/p") << (width < 400);
    }
}

void tst_TimelineLayout::longHostsAreElided()
{
    QFETCH(int, width);
    QFETCH(QString, url);
    QFETCH(bool, elided);
    Row row = hopRow();
    row.url = QUrl(url);
    row.originChange = TimelineModel::OriginChange::Downgrade;
    const QFont font = QGuiApplication::font();
    const TimelineLayout l = TimelineLayout::compute(row, itemRect(width), font);
    const QFontMetrics bfm(TimelineLayout::boldFont(font));
    QString host = row.url.host();
    if (row.url.port() != -1)
        host += QLatin1Char(':') + QString::number(row.url.port());
    host = QStringLiteral("https://") + host;
    // Elided in the middle (both ends stay), never wider than what is left of the line.
    QCOMPARE(l.host.text != host, elided);
    if (elided) {
        QVERIFY2(l.host.text.contains(QStringLiteral("…")), qPrintable(l.host.text));
        if (l.host.text.size() > 3)
            QVERIFY2(l.host.text.startsWith(QStringLiteral("ht")), qPrintable(l.host.text));
    }
    QVERIFY(l.host.rect.left() > l.originMark.rect.right());
    QVERIFY(l.host.rect.left() + bfm.horizontalAdvance(l.host.text) <= l.line1.right() + 1);
    QCOMPARE(l.host.rect.right(), l.line1.right() - 1);
    // The path takes what the host leaves, or is left out.
    if (!l.path.rect.isNull()) {
        QCOMPARE(l.path.rect.left(), l.host.rect.left() + bfm.horizontalAdvance(l.host.text));
        QVERIFY(l.path.rect.right() <= l.line1.right());
        QVERIFY(QFontMetrics(font).horizontalAdvance(l.path.text) <= l.path.rect.width());
    }
    QVERIFY(!l.path.rect.isNull() || elided);
}

void tst_TimelineLayout::statusAndReason_data()
{
    QTest::addColumn<int>("state");
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("synthetic");
    QTest::addColumn<QString>("pill");
    QTest::addColumn<QString>("reason");
    using S = TimelineModel::HopState;
    QTest::newRow("answered") << int(S::Answered) << 301 << false << QStringLiteral("301")
                              << QStringLiteral("Found");
    QTest::newRow("failed") << int(S::Failed) << 0 << false << QStringLiteral("ERR")
                            << QStringLiteral("connection-refused");
    QTest::newRow("sending") << int(S::Sending) << 0 << false << QStringLiteral("…")
                             << QStringLiteral("sending…");
    QTest::newRow("HSTS") << int(S::Answered) << 307 << true << QStringLiteral("307")
                          << QStringLiteral("Found · HSTS, not sent");
}

void tst_TimelineLayout::statusAndReason()
{
    QFETCH(int, state);
    QFETCH(int, status);
    QFETCH(bool, synthetic);
    QFETCH(QString, pill);
    QFETCH(QString, reason);
    Row row = hopRow();
    row.state = TimelineModel::HopState(state);
    row.status = status;
    row.synthetic = synthetic;
    row.errorCode = QStringLiteral("connection-refused");
    row.errorMessage = QStringLiteral("Connection refused");
    const TimelineLayout wide = TimelineLayout::compute(row, itemRect(1400), QGuiApplication::font());
    QCOMPARE(wide.status.text, pill);
    // The reason as far as its column goes.
    const QFontMetrics fm(QGuiApplication::font());
    QCOMPARE(wide.reason.text, fm.elidedText(reason, Qt::ElideRight, wide.reason.rect.width()));
    QVERIFY(wide.reason.text.startsWith(reason.left(5)));
    QVERIFY(!wide.compact);
    QCOMPARE(wide.number.text, QStringLiteral("#3"));
    QCOMPARE(wide.error.rect.isNull(), row.state != TimelineModel::HopState::Failed);
    // Narrow: no reason column, the method follows the pill.
    const TimelineLayout narrow = TimelineLayout::compute(row, itemRect(480), QGuiApplication::font());
    QVERIFY(narrow.compact);
    QVERIFY(narrow.reason.rect.isNull());
    QCOMPARE(narrow.status.text, pill);
    QVERIFY(narrow.method.rect.left() > narrow.status.rect.right());
    QVERIFY(narrow.method.rect.left() < wide.method.rect.left());
}

void tst_TimelineLayout::pendingCard()
{
    const Row row = pendingRow();
    const TimelineLayout l = TimelineLayout::compute(row, itemRect(1100), QGuiApplication::font());
    QCOMPARE(l.number.text, QStringLiteral("#4"));
    QCOMPARE(l.status.text, QStringLiteral("▶"));
    QCOMPARE(l.reason.text, QStringLiteral("next, not sent"));
    QCOMPARE(l.previousMethod.text, QStringLiteral("POST → "));
    QCOMPARE(l.method.text, QStringLiteral("PUT"));
    QVERIFY(l.method.rect.left() > l.previousMethod.rect.left());
    QCOMPARE(l.originMark.text, QStringLiteral("⇄ new origin"));
    QCOMPARE(l.host.text, QStringLiteral("b.example:8080"));
    QCOMPARE(l.path.text, QStringLiteral("/next"));
    // Line 2 holds the hint where a hop has its bar; no bar, badges or "differs" mark.
    QCOMPARE(l.message.text, QStringLiteral("Not sent yet"));
    QCOMPARE(l.message.rect.left(), l.status.rect.left());
    QCOMPARE(l.message.rect.top(), l.line2.top());
    QVERIFY(l.barArea.isNull());
    QVERIFY(l.badges.isEmpty());
    QVERIFY(l.differsMark.rect.isNull());
    QVERIFY(l.label.rect.isNull());
}

void tst_TimelineLayout::outcomeCard_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("label");
    QTest::newRow("final") << int(OutcomeKind::Final) << QStringLiteral("✔ Done");
    QTest::newRow("loop") << int(OutcomeKind::Loop) << QStringLiteral("✘ Loop");
    QTest::newRow("timeout") << int(OutcomeKind::Timeout) << QStringLiteral("✘ Timeout");
    QTest::newRow("stopped") << int(OutcomeKind::Stopped) << QStringLiteral("■ Stopped");
}

void tst_TimelineLayout::outcomeCard()
{
    QFETCH(int, kind);
    QFETCH(QString, label);
    Row row;
    row.kind = RowKind::Outcome;
    row.outcomeKind = OutcomeKind(kind);
    row.message = QStringLiteral("200 OK after 3 redirects");
    row.url = QUrl(QStringLiteral("https://a.example/home"));
    row.differences = {QStringLiteral("outcome differs")};
    const TimelineLayout l = TimelineLayout::compute(row, itemRect(900), QGuiApplication::font());
    QCOMPARE(l.label.text, label);
    QCOMPARE(l.label.rect.top(), l.line1.top());
    QCOMPARE(l.message.rect.left(), l.label.rect.right() + 1);
    QCOMPARE(l.message.text, row.message);
    QCOMPARE(l.detail.text, QStringLiteral("last URL: https://a.example/home"));
    QCOMPARE(l.detail.rect.left(), l.label.rect.left());
    QCOMPARE(l.detail.rect.top(), l.line2.top());
    QVERIFY(l.card.contains(l.stripe));
    QCOMPARE(l.stripe.left(), l.card.left() + 1);
    // None of a hop's fields.
    QVERIFY(l.number.rect.isNull());
    QVERIFY(l.status.rect.isNull());
    QVERIFY(l.barArea.isNull());
    QVERIFY(l.differsMark.rect.isNull());
    // Without a last URL, no detail.
    row.url = QUrl();
    QCOMPARE(TimelineLayout::compute(row, itemRect(900), QGuiApplication::font()).detail.text, QString());
}

void tst_TimelineLayout::columnsLineUpAcrossRows_data()
{
    QTest::addColumn<int>("width");
    QTest::newRow("wide") << 1100;
    QTest::newRow("compact") << 480;
}

void tst_TimelineLayout::columnsLineUpAcrossRows()
{
    QFETCH(int, width);
    // Rows as different as they come: hop numbers of one and four digits, a long reason, a failed hop,
    // a changed method, an origin mark, badges, the pending row.
    QList<Row> rows{hopRow(0), hopRow(1234)};
    rows[1].reason = QStringLiteral("Permanent Redirect with a long reason phrase");
    rows[1].previousMethod = QStringLiteral("OPTIONS");
    rows[1].method = QStringLiteral("DELETE");
    rows[1].originChange = TimelineModel::OriginChange::CrossOrigin;
    rows[1].badges = someBadges(4);
    Row failed = hopRow(7);
    failed.state = TimelineModel::HopState::Failed;
    failed.status = 0;
    failed.errorCode = QStringLiteral("a-rather-long-error-code");
    rows.append(failed);
    rows.append(pendingRow());
    QList<TimelineLayout> layouts;
    for (int i = 0; i < rows.size(); ++i)
        layouts.append(TimelineLayout::compute(rows.at(i), itemRect(width).translated(0, 80 * i),
                                               QGuiApplication::font()));
    const TimelineLayout &first = layouts.first();
    // Each column is the number's, the pill's, the reason's, the method's, the same width on every row.
    QVERIFY(first.number.rect.right() < first.status.rect.left());
    for (const TimelineLayout &l : layouts) {
        QCOMPARE(l.number.rect.left(), first.number.rect.left());
        QCOMPARE(l.number.rect.width(), first.number.rect.width());
        QCOMPARE(l.status.rect.left(), first.status.rect.left());
        QCOMPARE(l.status.rect.width(), first.status.rect.width());
        QCOMPARE(l.reason.rect.left(), first.reason.rect.left());
        QCOMPARE(l.reason.rect.width(), first.reason.rect.width());
        const int methodColumn =
            l.previousMethod.rect.isNull() ? l.method.rect.left() : l.previousMethod.rect.left();
        QCOMPARE(methodColumn, first.method.rect.left());
        QCOMPARE(l.method.rect.right(), first.method.rect.right());
        // Nothing in line 1 runs into the next column.
        QVERIFY(QFontMetrics(QGuiApplication::font()).horizontalAdvance(l.reason.text)
                <= l.reason.rect.width());
    }
    // The hop cards' bars share one scale's place.
    QCOMPARE(layouts.at(1).barArea.left(), first.barArea.left());
    QCOMPARE(layouts.at(1).barArea.width(), first.barArea.width());
}

void tst_TimelineLayout::rowFromModelRoles()
{
    Trace trace = syntheticTrace(3);
    trace.hops[1].response.reset();
    trace.hops[1].error =
        HopError{QStringLiteral("connection-refused"), QStringLiteral("Connection refused")};
    trace.hops[2].synthetic = true;
    TimelineModel model;
    model.setTrace(trace);
    model.setDifferences({{}, {QStringLiteral("status differs")}});
    QIdentityProxyModel proxy;
    proxy.setSourceModel(&model);
    for (const QAbstractItemModel *m :
         {static_cast<const QAbstractItemModel *>(&model), static_cast<const QAbstractItemModel *>(&proxy)}) {
        const Row first = Row::of(m->index(0, 0));
        QCOMPARE(first.kind, RowKind::Hop);
        QCOMPARE(first.status, 302);
        QCOMPARE(first.reason, QStringLiteral("Found"));
        QCOMPARE(first.state, TimelineModel::HopState::Answered);
        QCOMPARE(first.method, QStringLiteral("POST"));
        QCOMPARE(first.url, trace.hops[0].request.url);
        QCOMPARE(first.startMs, trace.hops[0].timing.startMs);
        QCOMPARE(first.responseMs, trace.hops[0].timing.responseMs);
        QCOMPARE(first.endMs, trace.hops[0].timing.endMs);
        QCOMPARE(first.totalMs, model.totalMs());
        const Row failed = Row::of(m->index(1, 0));
        QVERIFY(failed.failed());
        QCOMPARE(failed.errorCode, QStringLiteral("connection-refused"));
        QCOMPARE(failed.errorMessage, QStringLiteral("Connection refused"));
        QCOMPARE(failed.previousMethod, QStringLiteral("POST"));
        QCOMPARE(failed.differences, QStringList{QStringLiteral("status differs")});
        QCOMPARE(failed.badges.size(), model.badges(1).size());
        QCOMPARE(failed.badges.first().toolTip, model.badges(1).first().toolTip);
        QVERIFY(Row::of(m->index(2, 0)).synthetic);
        const Row outcome = Row::of(m->index(3, 0));
        QCOMPARE(outcome.kind, RowKind::Outcome);
        QCOMPARE(outcome.outcomeKind, OutcomeKind::Final);
        QCOMPARE(outcome.status, 200);
        QCOMPARE(outcome.url, trace.outcome.finalUrl);
        QCOMPARE(outcome.message, trace.outcome.message);
    }
    // Not a timeline's index: an empty outcome card, nothing read from elsewhere.
    QCOMPARE(Row::of(QModelIndex()).kind, RowKind::Outcome);
}

void tst_TimelineLayout::refreshPillAndConnector_data()
{
    QTest::addColumn<int>("via");
    QTest::addColumn<double>("delayMs");
    QTest::addColumn<QString>("text");  // empty: no pill
    QTest::newRow("redirect") << int(HopVia::Redirect) << -1.0 << QString();
    QTest::newRow("hsts") << int(HopVia::Hsts) << -1.0 << QString();
    QTest::newRow("refresh header") << int(HopVia::RefreshHeader) << 0.0 << QStringLiteral("↻ refresh 0 s");
    QTest::newRow("meta refresh") << int(HopVia::MetaRefresh) << 1000.0
                                  << QStringLiteral("↻ meta refresh 1 s");
    QTest::newRow("meta refresh, long")
        << int(HopVia::MetaRefresh) << 12500.0 << QStringLiteral("↻ meta refresh 12.5 s");
}

void tst_TimelineLayout::refreshPillAndConnector()
{
    QFETCH(int, via);
    QFETCH(double, delayMs);
    QFETCH(QString, text);
    Row row = hopRow();
    row.via = HopVia(via);
    row.refreshDelayMs = delayMs;
    row.badges = someBadges(3);
    const QRect rect = itemRect(1100);
    const TimelineLayout l = TimelineLayout::compute(row, rect, QGuiApplication::font());
    QCOMPARE(l.via.rect.isNull(), text.isEmpty());
    QCOMPARE(l.connector.isNull(), text.isEmpty());
    if (text.isEmpty())
        return;
    QCOMPARE(l.via.text, text);
    QVERIFY(l.via.toolTip.contains(QLatin1String("HTML: shared declarative refresh steps")));
    QVERIFY(l.line2.contains(l.via.rect));
    QVERIFY(l.via.rect.left() > l.duration.rect.right());
    QVERIFY(!l.badges.isEmpty());
    QVERIFY(l.badges.first().rect.left() > l.via.rect.right());  // the badges come after it
    QCOMPARE(l.badgeAt(l.via.rect.center()), &l.via);
    // The connector joins the card above: from the item's top edge, down the card's left padding.
    QCOMPARE(l.connector.y1(), rect.top());
    QVERIFY(l.connector.y2() > l.line1.bottom() && l.connector.y2() <= l.card.bottom());
    QCOMPARE(l.connector.x1(), l.connector.x2());
    QVERIFY(l.connector.x1() > l.card.left() && l.connector.x1() < l.number.rect.left());
}

void tst_TimelineLayout::pausePill_data()
{
    QTest::addColumn<double>("pausedMs");
    QTest::addColumn<int>("width");
    QTest::addColumn<QString>("text");
    QTest::newRow("none") << 0.0 << 1100 << QString();
    QTest::newRow("half a second") << 450.0 << 1100 << QStringLiteral("paused 450 ms");
    QTest::newRow("31 s") << 30995.0 << 1100 << QStringLiteral("paused 31 s");
    QTest::newRow("minutes") << 125000.0 << 1100 << QStringLiteral("paused 2 min 5 s");
    QTest::newRow("compact") << 30995.0 << 500 << QStringLiteral("paused 31 s");
}

void tst_TimelineLayout::pausePill()
{
    // Step-through: the pause before the hop is a mark after the figure, never a span of the scale.
    QFETCH(double, pausedMs);
    QFETCH(int, width);
    QFETCH(QString, text);
    Row row = hopRow();
    row.pausedMs = pausedMs;
    row.badges = someBadges(2);
    const TimelineLayout l = TimelineLayout::compute(row, itemRect(width), QGuiApplication::font());
    QCOMPARE(l.pause.rect.isNull(), text.isEmpty());
    if (text.isEmpty())
        return;
    QCOMPARE(l.pause.text, text);
    QVERIFY(l.line2.contains(l.pause.rect));
    QVERIFY(l.pause.rect.left() > l.duration.rect.right());
    QVERIFY(!l.pause.rect.intersects(l.barArea));
    for (const TimelineLayout::Pill &badge : l.badges)
        QVERIFY(!badge.rect.intersects(l.pause.rect));
    QCOMPARE(l.badgeAt(l.pause.rect.center()), &l.pause);  // its tooltip says what it is
    QVERIFY(l.pause.toolTip.contains(QStringLiteral("not network time")));
    // The bar is the same as without the pause.
    Row unpaused = row;
    unpaused.pausedMs = 0;
    QCOMPARE(TimelineLayout::compute(unpaused, itemRect(width), QGuiApplication::font()).bar, l.bar);
}

QTEST_MAIN(tst_TimelineLayout)
#include "tst_timelinelayout.moc"
