// Benchmark (not a test): the find bar over a large trace, as the window runs it. A synthetic trace of
// HOPS hops, each with a BODY_KIB KiB text body, is searched for a word found nowhere (the whole trace is
// read) and for one found everywhere (the 10,000-match cap ends it early). Reports the time to the
// complete count and the longest the event loop went without running a 1 ms timer meanwhile: how long
// the window could not repaint or take a key. Usage: bench_trace_search [HOPS] [BODY_KIB]
#include "support/synthetictrace.h"
#include "widgets/hopinspector.h"
#include "widgets/searchbar.h"
#include "widgets/searchcontroller.h"
#include "widgets/timelinedelegate.h"
#include "workbench/timelinemodel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QListView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cstdio>

using namespace Rwb;

namespace {

struct Figures {
    double totalMs = 0;
    double longestStallMs = 0;
    int matches = 0;
    bool capped = false;
};

Figures measure(SearchController &search, const QString &query)
{
    QElapsedTimer total;
    QElapsedTimer sinceTick;
    double longest = 0;
    QTimer ticker;
    ticker.setInterval(1);
    QObject::connect(&ticker, &QTimer::timeout, [&] {
        longest = std::max(longest, double(sinceTick.nsecsElapsed()) / 1e6);
        sinceTick.restart();
    });
    ticker.start();
    total.start();
    sinceTick.start();
    search.bar()->field()->setText(query);  // the first slice runs here, inside the key press
    longest = std::max(longest, double(sinceTick.nsecsElapsed()) / 1e6);
    sinceTick.restart();
    while (search.isSearching())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    Figures f;
    f.totalMs = double(total.nsecsElapsed()) / 1e6;
    f.longestStallMs = longest;
    f.matches = int(search.result().matches.size());
    f.capped = search.result().capped;
    return f;
}

}  // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const int hops = argc > 1 ? QByteArray(argv[1]).toInt() : 10000;
    const int bodyKiB = argc > 2 ? QByteArray(argv[2]).toInt() : 64;

    Trace trace = Test::syntheticTrace(hops);
    QByteArray body;
    body.reserve(bodyKiB * 1024);
    while (body.size() < bodyKiB * 1024)
        body += "The quick brown fox jumps over the lazy dog; lorem ipsum dolor sit amet.\n";
    body.truncate(bodyKiB * 1024);
    for (Hop &hop : trace.hops) {
        hop.response->headers.append(HeaderPair("Content-Type", "text/plain; charset=utf-8"));
        hop.response->bodyPreview = body;
        hop.response->bodySize = body.size();
    }

    QWidget window;
    auto *layout = new QVBoxLayout(&window);
    auto *view = new QListView(&window);
    view->setUniformItemSizes(true);
    view->setItemDelegate(new TimelineDelegate(view));
    auto *model = new TimelineModel(view);
    view->setModel(model);
    auto *inspector = new HopInspector(&window);
    SearchController search({view, inspector}, &window);
    layout->addWidget(search.bar());
    layout->addWidget(view);
    layout->addWidget(inspector);
    window.resize(1200, 800);
    window.show();
    model->setTrace(trace);
    search.find();
    QCoreApplication::processEvents();

    std::printf("hops %d, body %d KiB each (%.0f MiB of bodies)\n", hops, bodyKiB,
                double(hops) * bodyKiB / 1024.0);
    for (const QString &query : {QStringLiteral("needle"), QStringLiteral("fox")}) {
        const Figures f = measure(search, query);
        search.bar()->field()->clear();
        QCoreApplication::processEvents();
        std::printf("query %-7s %6d%s matches  complete in %7.1f ms  longest event-loop stall %5.1f ms\n",
                    qPrintable(query), f.matches, f.capped ? "+" : " ", f.totalMs, f.longestStallMs);
    }
    return 0;
}
