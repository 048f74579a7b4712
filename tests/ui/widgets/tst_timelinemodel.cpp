// The timeline model and its card delegate: model invariants under live updates
// (QAbstractItemModelTester), the roles the cards are painted from, and the delegate's size hints,
// painting and tooltips, also behind a proxy model.
#include "support/synthetictrace.h"
#include "widgets/timelinedelegate.h"
#include "workbench/timelinemodel.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QHelpEvent>
#include <QImage>
#include <QListView>
#include <QPainter>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStyleOptionViewItem>
#include <QTest>
#include <QToolTip>

using namespace Rwb;
using namespace Rwb::Test;

namespace {

Hop hopTo(int index, const char *url, const char *method, int status, double start, double end)
{
    Hop hop;
    hop.index = index;
    hop.request.method = method;
    hop.request.url = QUrl(QLatin1String(url));
    WireResponse r;
    r.status = status;
    r.reason = status == 200 ? "OK" : "Found";
    hop.response = r;
    hop.timing = {start, start + 1, end, {}};
    return hop;
}

QImage paintCard(const TimelineDelegate &delegate, const QStyleOptionViewItem &option,
                 const QModelIndex &index)
{
    QImage image(option.rect.size(), QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    delegate.paint(&painter, option, index);
    return image;
}

// What the delegate shows as the tooltip at a point of a card.
QString toolTipAt(TimelineDelegate &delegate, QAbstractItemView *view, const QStyleOptionViewItem &option,
                  const QModelIndex &index, const QPoint &pos)
{
    QToolTip::hideText();
    QHelpEvent event(QEvent::ToolTip, pos, view->mapToGlobal(pos));
    if (!delegate.helpEvent(&event, view, option, index))
        return QStringLiteral("(not handled)");
    return QToolTip::text();
}

}  // namespace

class tst_TimelineModel : public QObject
{
    Q_OBJECT

private slots:
    void liveTraceKeepsModelInvariants();
    void setTraceAndClear();
    void methodChangeIsShown();
    void originChange_data();
    void originChange();
    void badgesFromNotes();
    void loopMarksTheRepeatedHop();
    void outcomeRow();
    void pendingRowShowsTheNextRequestUntilItIsSent();
    void scaleGrowsWithHops();
    void differences();
    void sizeHintIsUniformAndFollowsFont();
    void paintsEveryKindOfRow();
    void cardRoles();
    void delegateWorksBehindAProxy();
    void refreshRoles();
};

void tst_TimelineModel::liveTraceKeepsModelInvariants()
{
    TimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.clear(QStringLiteral("browser"));
    Hop pending = hopTo(0, "http://a.test/x", "POST", 0, 0, 0);
    pending.response.reset();
    model.addHop(pending);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0).data(TimelineModel::StatusRole).toInt(), 0);
    QVERIFY(model.index(0).data().toString().contains(QStringLiteral("sending")));
    model.updateHop(hopTo(0, "http://a.test/x", "POST", 302, 0, 12));
    QCOMPARE(model.index(0).data(TimelineModel::StatusRole).toInt(), 302);
    model.addHop(hopTo(1, "http://a.test/y", "GET", 200, 13, 20));
    Outcome outcome;
    outcome.message = QStringLiteral("200 OK after 1 redirect, 20 ms");
    outcome.finalStatus = 200;
    model.finish(outcome);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(inserted.size(), 3);
    QVERIFY(changed.size() >= 1);
    QCOMPARE(model.outcomeRow(), 2);
    // An update for a hop the model does not have is ignored, not a crash.
    model.updateHop(hopTo(7, "http://a.test/z", "GET", 200, 0, 1));
    QCOMPARE(model.rowCount(), 3);
}

void tst_TimelineModel::setTraceAndClear()
{
    TimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTrace(syntheticTrace(50));
    QCOMPARE(model.rowCount(), 51);
    QCOMPARE(model.rowKind(50), TimelineModel::RowKind::Outcome);
    QCOMPARE(model.index(50).data(TimelineModel::OutcomeKindRole).toString(), QStringLiteral("final"));
    model.setTrace(syntheticTrace(5), false);
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.outcomeRow(), -1);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.index(0).isValid());
}

void tst_TimelineModel::methodChangeIsShown()
{
    TimelineModel model;
    model.addHop(hopTo(0, "http://a.test/form", "POST", 302, 0, 5));
    model.addHop(hopTo(1, "http://a.test/done", "GET", 200, 6, 9));
    QCOMPARE(model.index(0).data(TimelineModel::PreviousMethodRole).toString(), QString());
    QCOMPARE(model.index(1).data(TimelineModel::PreviousMethodRole).toString(), QStringLiteral("POST"));
    QVERIFY(model.index(1).data().toString().contains(QStringLiteral("POST → GET")));
}

void tst_TimelineModel::originChange_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<int>("change");
    using C = TimelineModel::OriginChange;
    QTest::newRow("same origin") << "http://a.test/x"
                                 << "http://a.test/y?z" << int(C::None);
    QTest::newRow("default port spelled") << "http://a.test/x"
                                          << "http://a.test:80/y" << int(C::None);
    QTest::newRow("other host") << "http://a.test/x"
                                << "http://b.test/x" << int(C::CrossOrigin);
    QTest::newRow("other port") << "http://a.test/x"
                                << "http://a.test:8080/x" << int(C::CrossOrigin);
    QTest::newRow("https to http") << "https://a.test/x"
                                   << "http://a.test/x" << int(C::Downgrade);
    QTest::newRow("https to other http") << "https://a.test/x"
                                         << "http://b.test/x" << int(C::Downgrade);
    QTest::newRow("http to https same host") << "http://a.test/x"
                                             << "https://a.test/x" << int(C::Upgrade);
    QTest::newRow("http to https other host") << "http://a.test/x"
                                              << "https://b.test/x" << int(C::CrossOrigin);
}

void tst_TimelineModel::originChange()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(int, change);
    TimelineModel model;
    model.addHop(hopTo(0, from.toLatin1().constData(), "GET", 302, 0, 1));
    model.addHop(hopTo(1, to.toLatin1().constData(), "GET", 200, 1, 2));
    QCOMPARE(model.index(0).data(TimelineModel::OriginChangeRole).toInt(),
             int(TimelineModel::OriginChange::None));
    QCOMPARE(model.index(1).data(TimelineModel::OriginChangeRole).toInt(), change);
}

void tst_TimelineModel::badgesFromNotes()
{
    TimelineModel model;
    Hop hop = hopTo(0, "http://a.test/", "POST", 302, 0, 1);
    hop.edited = true;
    hop.notes = {{QStringLiteral("cookie-stored"), QStringLiteral("Cookie sid stored")},
                 {QStringLiteral("credentials-removed"), QStringLiteral("Authorization removed")},
                 {QStringLiteral("body-dropped"), QStringLiteral("The 4-byte body is not sent again")},
                 {QStringLiteral("redirect"), QStringLiteral("follows Location")},
                 {QStringLiteral("cookie-stored"), QStringLiteral("Cookie theme stored")}};
    model.addHop(hop);
    const QStringList badges = model.index(0).data(TimelineModel::BadgesRole).toStringList();
    QCOMPARE(badges, (QStringList{QStringLiteral("edited"), QStringLiteral("credentials removed"),
                                  QStringLiteral("body dropped"), QStringLiteral("cookie set")}));
    // Two notes of one kind make one badge whose tooltip lists both.
    const QList<TimelineModel::Badge> full = model.badges(0);
    QCOMPARE(full.last().toolTip, QStringLiteral("Cookie sid stored\nCookie theme stored"));
    QCOMPARE(full.at(1).tone, Theme::Tone::Warning);
    QVERIFY(
        model.index(0).data(Qt::ToolTipRole).toString().contains(QStringLiteral("Authorization removed")));
}

void tst_TimelineModel::loopMarksTheRepeatedHop()
{
    TimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (int i = 0; i < 3; ++i)
        model.addHop(hopTo(i, "http://a.test/l", "GET", 302, i, i + 1));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    Outcome loop;
    loop.kind = OutcomeKind::Loop;
    loop.repeatsHop = 1;
    loop.message = QStringLiteral("Loop: hop 3 repeats hop 1 (GET http://a.test/l)");
    model.finish(loop);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().first().toModelIndex().row(), 1);
    QVERIFY(model.index(1)
                .data(TimelineModel::BadgesRole)
                .toStringList()
                .contains(QStringLiteral("repeated later")));
    QVERIFY(!model.index(0)
                 .data(TimelineModel::BadgesRole)
                 .toStringList()
                 .contains(QStringLiteral("repeated later")));
    QCOMPARE(model.index(3).data().toString(), loop.message);
    QCOMPARE(model.index(3).data(TimelineModel::OutcomeKindRole).toString(), QStringLiteral("loop"));
}

void tst_TimelineModel::outcomeRow()
{
    TimelineModel model;
    model.addHop(hopTo(0, "http://a.test/", "GET", 302, 0, 1));
    Outcome blocked;
    blocked.kind = OutcomeKind::BlockedScheme;
    blocked.message =
        QStringLiteral("Blocked: Location is file:///etc/passwd (only http and https are followed)");
    model.finish(blocked);
    QCOMPARE(model.index(1).data(TimelineModel::RowKindRole).toInt(), int(TimelineModel::RowKind::Outcome));
    QCOMPARE(model.index(1).data(TimelineModel::OutcomeMessageRole).toString(), blocked.message);
    QCOMPARE(model.index(1).data(TimelineModel::HopIndexRole).toInt(), -1);
    QVERIFY(!model.hopAt(1));
    // Finishing twice updates the outcome in place.
    blocked.message = QStringLiteral("changed");
    model.finish(blocked);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(1).data().toString(), QStringLiteral("changed"));
}

void tst_TimelineModel::scaleGrowsWithHops()
{
    TimelineModel model;
    QSignalSpy scale(&model, &TimelineModel::scaleChanged);
    model.addHop(hopTo(0, "http://a.test/", "GET", 302, 0, 0));
    model.updateHop(hopTo(0, "http://a.test/", "GET", 302, 0, 40));
    QCOMPARE(model.totalMs(), 40.0);
    model.addHop(hopTo(1, "http://a.test/", "GET", 200, 41, 0));
    model.updateHop(hopTo(1, "http://a.test/", "GET", 200, 41, 90));
    QCOMPARE(model.index(0).data(TimelineModel::TotalMsRole).toDouble(), 90.0);
    QCOMPARE(scale.size(), 3);
}

void tst_TimelineModel::differences()
{
    TimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTrace(syntheticTrace(3));
    model.setDifferences({{}, {QStringLiteral("method: POST (curl) vs GET (browser)")}});
    QCOMPARE(model.index(0).data(TimelineModel::DifferencesRole).toStringList(), QStringList());
    QCOMPARE(model.index(1).data(TimelineModel::DifferencesRole).toStringList().size(), 1);
    QCOMPARE(model.index(3).data(TimelineModel::DifferencesRole).toStringList(), QStringList());
}

void tst_TimelineModel::sizeHintIsUniformAndFollowsFont()
{
    TimelineModel model;
    model.setTrace(syntheticTrace(20));
    TimelineDelegate delegate;
    QStyleOptionViewItem option;
    option.rect = QRect(0, 0, 900, 80);
    const QSize first = delegate.sizeHint(option, model.index(0));
    QVERIFY(first.height() > option.fontMetrics.height() * 2);
    for (int row = 0; row < model.rowCount(); ++row)
        QCOMPARE(delegate.sizeHint(option, model.index(row)), first);
    QCOMPARE(first.height(), TimelineDelegate::cardHeight(option.font));
    QFont big = option.font;
    big.setPointSizeF(option.font.pointSizeF() * 2);
    option.font = big;
    option.fontMetrics = QFontMetrics(big);
    QVERIFY(delegate.sizeHint(option, model.index(0)).height() > first.height());
}

void tst_TimelineModel::pendingRowShowsTheNextRequestUntilItIsSent()
{
    TimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.clear(QStringLiteral("browser"));
    model.addHop(hopTo(0, "http://a.test/form", "POST", 302, 0, 5));
    RequestSpec next;
    next.method = "GET";
    next.url = QUrl(QStringLiteral("http://b.test/done"));
    model.setPending(next);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.rowKind(1), TimelineModel::RowKind::Pending);
    QCOMPARE(model.outcomeRow(), -1);
    QVERIFY(model.pending());
    const QModelIndex row = model.index(1);
    QCOMPARE(row.data(TimelineModel::HopIndexRole).toInt(), 1);
    QCOMPARE(row.data(TimelineModel::MethodRole).toString(), QStringLiteral("GET"));
    QCOMPARE(row.data(TimelineModel::PreviousMethodRole).toString(), QStringLiteral("POST"));
    QCOMPARE(row.data(TimelineModel::UrlRole).toUrl(), next.url);
    QCOMPARE(row.data(TimelineModel::OriginChangeRole).toInt(),
             int(TimelineModel::OriginChange::CrossOrigin));
    QVERIFY(row.data(TimelineModel::OutcomeMessageRole).toString().contains(QStringLiteral("Not sent yet")));
    QVERIFY(row.data().toString().contains(QStringLiteral("paused")));
    QCOMPARE(model.badges(1).size(), 0);

    // An edit in the step editor: the same row shows it.
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    next.method = "DELETE";
    model.setPending(next);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(model.index(1).data(TimelineModel::MethodRole).toString(), QStringLiteral("DELETE"));

    // The hop is sent: it takes the pending row's place.
    model.addHop(hopTo(1, "http://b.test/done", "DELETE", 200, 6, 9));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.rowKind(1), TimelineModel::RowKind::Hop);
    QVERIFY(!model.pending());

    // Stopped while paused: the outcome replaces the pending row.
    model.setPending(next);
    QCOMPARE(model.rowCount(), 3);
    Outcome stopped;
    stopped.kind = OutcomeKind::Stopped;
    stopped.message = QStringLiteral("Stopped");
    model.finish(stopped);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.rowKind(2), TimelineModel::RowKind::Outcome);
    // A finished trace takes no pending row.
    model.setPending(next);
    QCOMPARE(model.rowCount(), 3);
    QVERIFY(!model.pending());
}

void tst_TimelineModel::paintsEveryKindOfRow()
{
    Trace trace = syntheticTrace(12);
    trace.hops[3].synthetic = true;
    trace.hops[4].response.reset();
    trace.hops[4].error =
        HopError{QStringLiteral("connection-refused"), QStringLiteral("Connection refused")};
    trace.hops[5].edited = true;
    TimelineModel finished;  // ends with the outcome card
    finished.setTrace(trace);
    finished.setDifferences({{}, {QStringLiteral("status: 301 (a) vs 302 (b)")}});
    TimelineModel paused;  // ends with the paused step's next request
    paused.setTrace(trace, false);
    RequestSpec next;
    next.url = QUrl(QStringLiteral("https://b.test/next"));
    paused.setPending(next);
    QCOMPARE(paused.rowKind(paused.rowCount() - 1), TimelineModel::RowKind::Pending);
    TimelineDelegate delegate;
    for (const TimelineModel *model : {&finished, &paused}) {
        for (const QPalette &palette : {QPalette(Qt::white), QPalette(QColor(0x30, 0x30, 0x30))}) {
            QImage image(700, 80 * model->rowCount(), QImage::Format_ARGB32);
            image.fill(palette.color(QPalette::Base));
            QPainter painter(&image);
            for (int row = 0; row < model->rowCount(); ++row) {
                QStyleOptionViewItem option;
                option.palette = palette;
                option.rect = QRect(0, row * 80, 700, 76);
                if (row == 2)
                    option.state |= QStyle::State_Selected;
                delegate.paint(&painter, option, model->index(row));
            }
            painter.end();
            // Every card is painted: the card's border differs from the background at its left edge.
            for (int row = 0; row < model->rowCount(); ++row)
                QVERIFY2(image.pixelColor(3, row * 80 + 38) != palette.color(QPalette::Base),
                         qPrintable(QString::number(row)));
        }
    }
}

void tst_TimelineModel::cardRoles()
{
    Trace trace = syntheticTrace(4);
    trace.hops[1].response.reset();
    trace.hops[1].error =
        HopError{QStringLiteral("connection-refused"), QStringLiteral("Connection refused")};
    trace.hops[2].error = HopError{QStringLiteral("body"), QStringLiteral("Body cut short")};
    TimelineModel model;
    model.setTrace(trace);
    using State = TimelineModel::HopState;
    const auto state = [&model](int row) {
        return State(model.index(row).data(TimelineModel::HopStateRole).toInt());
    };
    QCOMPARE(state(0), State::Answered);
    QCOMPARE(state(1), State::Failed);
    QCOMPARE(state(2), State::Answered);  // a response, then an error in its body
    QCOMPARE(model.index(1).data(TimelineModel::ErrorCodeRole).toString(),
             QStringLiteral("connection-refused"));
    QCOMPARE(model.index(0).data(TimelineModel::ErrorCodeRole).toString(), QString());
    QCOMPARE(model.index(3).data(TimelineModel::ResponseMsRole).toDouble(), trace.hops[3].timing.responseMs);
    // Badges with their tones and tooltips, as badges() gives them.
    for (int row = 0; row < 4; ++row) {
        const auto badges =
            model.index(row).data(TimelineModel::BadgeListRole).value<QList<TimelineModel::Badge>>();
        const QList<TimelineModel::Badge> expected = model.badges(row);
        QCOMPARE(badges.size(), expected.size());
        for (int i = 0; i < badges.size(); ++i) {
            QCOMPARE(badges.at(i).text, expected.at(i).text);
            QCOMPARE(badges.at(i).tone, expected.at(i).tone);
            QCOMPARE(badges.at(i).toolTip, expected.at(i).toolTip);
        }
    }
    QVERIFY(!model.badges(2).isEmpty());  // credentials removed
    // The outcome row: the final status and the last URL.
    QCOMPARE(model.index(4).data(TimelineModel::StatusRole).toInt(), 200);
    QCOMPARE(model.index(4).data(TimelineModel::UrlRole).toUrl(), trace.outcome.finalUrl);
    QVERIFY(!trace.outcome.finalUrl.isEmpty());
    // A hop in flight.
    TimelineModel live;
    live.clear(QStringLiteral("browser"));
    Hop sending = hopTo(0, "http://a.test/", "GET", 200, 0, 0);
    sending.response.reset();
    live.addHop(sending);
    QCOMPARE(State(live.index(0).data(TimelineModel::HopStateRole).toInt()), State::Sending);
}

void tst_TimelineModel::delegateWorksBehindAProxy()
{
    Trace trace = syntheticTrace(6);
    trace.hops[2].notes.append({QStringLiteral("cookie-sent"), QStringLiteral("Cookie s1 sent")});
    trace.hops[4].response.reset();
    trace.hops[4].error =
        HopError{QStringLiteral("connection-refused"), QStringLiteral("Connection refused")};
    TimelineModel model;
    model.setTrace(trace);
    model.setDifferences({{}, {QStringLiteral("status: 301 (a) vs 302 (b)")}});
    // Newest first: the proxy's rows are the model's upside down (the outcome row, index -1, last).
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(TimelineModel::HopIndexRole);
    proxy.sort(0, Qt::DescendingOrder);
    QCOMPARE(proxy.rowCount(), 7);
    QCOMPARE(proxy.mapToSource(proxy.index(0, 0)).row(), 5);
    QCOMPARE(proxy.mapToSource(proxy.index(6, 0)).row(), 6);

    TimelineDelegate delegate;
    QListView view;
    view.setModel(&proxy);
    QStyleOptionViewItem option;
    option.font = QApplication::font();
    option.palette = QApplication::palette();
    option.rect = QRect(0, 0, 900, TimelineDelegate::cardHeight(option.font));
    QImage previous;
    for (int row = 0; row < proxy.rowCount(); ++row) {
        const QModelIndex index = proxy.index(row, 0);
        const QModelIndex source = proxy.mapToSource(index);
        QCOMPARE(delegate.sizeHint(option, index), delegate.sizeHint(option, source));
        // The card painted through the proxy is the model's own card for that row.
        const QImage card = paintCard(delegate, option, index);
        QCOMPARE(card, paintCard(delegate, option, source));
        QVERIFY(card != previous);
        previous = card;
    }

    // A badge's tooltip, where the model's own row puts the badge.
    const QModelIndex withBadges = proxy.mapFromSource(model.index(2));
    QCOMPARE(withBadges.row(), 3);
    const TimelineLayout layout =
        TimelineLayout::compute(TimelineLayout::Row::of(model.index(2)), option.rect, option.font);
    const QList<TimelineModel::Badge> badges = model.badges(2);
    QCOMPARE(layout.badges.size(), badges.size());
    QCOMPARE(badges.size(), 2);
    for (int i = 0; i < badges.size(); ++i) {
        QCOMPARE(toolTipAt(delegate, &view, option, withBadges, layout.badges.at(i).rect.center()),
                 badges.at(i).toolTip);
    }
    // Elsewhere on the card: the row's tooltip; on a differing row, with the differences first.
    QCOMPARE(toolTipAt(delegate, &view, option, withBadges, layout.number.rect.center()),
             model.index(2).data(Qt::ToolTipRole).toString());
    const QString differing =
        toolTipAt(delegate, &view, option, proxy.mapFromSource(model.index(1)), layout.number.rect.center());
    QVERIFY2(differing.startsWith(
                 QStringLiteral("Differs from the other profiles:\n• status: 301 (a) vs 302 (b)")),
             qPrintable(differing));
    QVERIFY(differing.endsWith(model.index(1).data(Qt::ToolTipRole).toString()));
}

// How a hop was reached and a refresh's delay: what the delegate draws the refresh pill and connector from.
void tst_TimelineModel::refreshRoles()
{
    Trace trace = syntheticTrace(4);
    trace.hops[1].via = HopVia::RefreshHeader;
    trace.hops[1].refreshDelayMs = 0;
    trace.hops[2].via = HopVia::MetaRefresh;
    trace.hops[2].refreshDelayMs = 1500;
    trace.hops[3].via = HopVia::Redirect;
    trace.hops[3].notes.append(
        {NoteCode::RefreshNotFollowed, QStringLiteral("Refresh header \"9\": not followed")});
    trace.hops[3].notes.append(
        {NoteCode::ScriptRedirect, QStringLiteral("An inline script assigns location")});
    TimelineModel model;
    model.setTrace(trace);
    QCOMPARE(model.index(0).data(TimelineModel::ViaRole).toString(), QStringLiteral("request"));
    QCOMPARE(model.index(1).data(TimelineModel::ViaRole).toString(), QStringLiteral("refresh-header"));
    QCOMPARE(model.index(2).data(TimelineModel::ViaRole).toString(), QStringLiteral("meta-refresh"));
    QCOMPARE(model.index(3).data(TimelineModel::ViaRole).toString(), QStringLiteral("redirect"));
    QCOMPARE(model.index(0).data(TimelineModel::RefreshDelayRole).toDouble(), -1.0);
    QCOMPARE(model.index(1).data(TimelineModel::RefreshDelayRole).toDouble(), 0.0);
    QCOMPARE(model.index(2).data(TimelineModel::RefreshDelayRole).toDouble(), 1500.0);
    QVERIFY(!model.index(4).data(TimelineModel::ViaRole).isValid());  // the outcome row
    QCOMPARE(model.roleNames().value(TimelineModel::ViaRole), QByteArray("via"));
    // What was not followed shows as badges on the card, the note in the tooltip.
    const QStringList badges = model.index(3).data(TimelineModel::BadgesRole).toStringList();
    QVERIFY2(badges.contains(QStringLiteral("refresh not followed")), qPrintable(badges.join(u',')));
    QVERIFY(badges.contains(QStringLiteral("script navigates")));
    // The delegate paints them (through the layout it reads the roles with).
    TimelineDelegate delegate;
    QStyleOptionViewItem option;
    option.rect = QRect(0, 0, 900, TimelineDelegate::cardHeight(option.font));
    option.palette = QGuiApplication::palette();
    QImage image(option.rect.size(), QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    delegate.paint(&painter, option, model.index(2));
    painter.end();
    const TimelineLayout l =
        TimelineLayout::compute(TimelineLayout::Row::of(model.index(2)), option.rect, option.font);
    QVERIFY(!l.via.rect.isNull());
    const QColor ink = Theme::refreshColor();
    bool inked = false;
    for (int x = l.via.rect.left(); x <= l.via.rect.right() && !inked; ++x) {
        for (int y = l.via.rect.top(); y <= l.via.rect.bottom() && !inked; ++y)
            inked = image.pixelColor(x, y) == ink;
    }
    QVERIFY(inked);
}

QTEST_MAIN(tst_TimelineModel)
#include "tst_timelinemodel.moc"
