// Benchmark (not a test): loads a synthetic trace into the timeline model and a QListView painted by the
// timeline delegate, as the window shows a loaded trace, and reports the time to the first painted frame
// and the process's peak memory. Also times scrolling through the whole timeline and the live path
// (hops added one by one, as the engine reports them). Usage: bench_timeline_load [HOPS] [RUNS]
#include "support/synthetictrace.h"
#include "widgets/timelinedelegate.h"
#include "workbench/timelinemodel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QListView>
#include <QScrollBar>

#include <algorithm>
#include <cstdio>

using namespace Rwb;

namespace {

qint64 peakRssKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').constFirst().toLongLong();
    }
    return -1;
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(values.size() / 2);
}

// Paints the view now, as the first frame after a load would be painted.
void paintNow(QListView &view)
{
    view.viewport()->repaint();
}

}  // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const int hops = argc > 1 ? QByteArray(argv[1]).toInt() : 10000;
    const int runs = argc > 2 ? QByteArray(argv[2]).toInt() : 7;
    const Trace trace = Test::syntheticTrace(hops);  // built once, outside the timings

    QListView view;
    view.setUniformItemSizes(true);
    view.setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    view.setItemDelegate(new TimelineDelegate(&view));
    view.resize(900, 700);
    view.show();
    QApplication::processEvents();

    QList<double> loads;
    QList<double> scrolls;
    for (int run = 0; run < runs; ++run) {
        auto *model = new TimelineModel(&view);
        QElapsedTimer timer;
        timer.start();
        model->setTrace(trace);
        QAbstractItemModel *old = view.model();
        view.setModel(model);
        view.scrollToBottom();  // the window shows the end of a loaded trace: lays out every row
        paintNow(view);
        loads.append(double(timer.nsecsElapsed()) / 1e6);
        delete old;

        // Scrolling: 200 page steps from top to bottom, each painted.
        QScrollBar *bar = view.verticalScrollBar();
        bar->setValue(0);
        timer.restart();
        const int steps = 200;
        for (int i = 1; i <= steps; ++i) {
            bar->setValue(bar->maximum() * i / steps);
            paintNow(view);
        }
        scrolls.append(double(timer.nsecsElapsed()) / 1e6 / steps);
    }

    // The live path: every hop added when sent and updated when recorded, with the view attached.
    auto *live = new TimelineModel(&view);
    QAbstractItemModel *old = view.model();
    view.setModel(live);
    delete old;
    QElapsedTimer timer;
    timer.start();
    for (const Hop &hop : trace.hops) {
        Hop sent = hop;
        sent.response.reset();
        live->addHop(sent);
        live->updateHop(hop);
    }
    live->finish(trace.outcome);
    view.scrollToBottom();
    paintNow(view);
    const double liveMs = double(timer.nsecsElapsed()) / 1e6;

    const double load = median(loads);
    const double peakMiB = double(peakRssKiB()) / 1024.0;
    std::printf("hops                         %d (runs %d)\n", hops, runs);
    std::printf("load to first frame, median  %.1f ms (min %.1f, max %.1f)  target <= 300 ms: %s\n", load,
                *std::min_element(loads.begin(), loads.end()), *std::max_element(loads.begin(), loads.end()),
                load <= 300 ? "PASS" : "MISS");
    std::printf("peak RSS (VmHWM)             %.1f MiB  target <= 200 MiB: %s\n", peakMiB,
                peakMiB <= 200 ? "PASS" : "MISS");
    std::printf("scroll frame, median         %.2f ms (a frame at 60 Hz is 16.7 ms)\n", median(scrolls));
    std::printf("live add+update of all hops  %.1f ms\n", liveMs);
    return 0;
}
