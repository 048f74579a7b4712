// The Bulk Check window while results stream in at full speed (issue 14: "no frame over 50 ms"): the window
// (1440x900, shown, painted on the offscreen platform) runs a bulk check of LIST (a URL list file), and a
// 5 ms heartbeat timer on the GUI thread records how long the event loop was away between its ticks: every
// batch inserted into the table, every repaint, every chain's bookkeeping on the GUI thread lands in one
// of those gaps. Prints the gaps (max, 99.9th and 99th percentile, how many over 16 ms and over 50 ms), the
// run's time and rate, and the peak RSS. Not a test: tests/bench/bulk-check.sh runs it (WINDOW_LINES).
//
//   bench_bulk_window LIST [PARALLEL] [--follow]
//   bench_bulk_window --synthetic [N] [BATCH]   the table alone: N results, no network (see below)
//
// --follow keeps the table scrolled to its last row as rows arrive (the view lays out the rows it shows).
#include "support/synthetictrace.h"
#include "widgets/bulkcheckwindow.h"
#include "workbench/bulkresultmodel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTest>
#include <QTimer>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <vector>

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", qEnvironmentVariable("QT_QPA_PLATFORM", QStringLiteral("offscreen")).toUtf8());
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: bench_bulk_window LIST [PARALLEL] [--follow]\n");
        return 2;
    }
    const int parallel = args.size() > 2 && args.at(2) != QLatin1String("--follow") ? args.at(2).toInt() : 32;
    const bool follow = args.contains(QStringLiteral("--follow"));

    Rwb::BulkCheckWindow window;
    window.resize(1440, 900);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return 2;
    if (args.at(1) == QLatin1String("--synthetic")) {
        // No network: N results of a 3-hop chain straight into the window's model, a batch of B (as
        // kFlushMs of results at the rate given) before each flush(), every flush() timed with the view
        // laying out and painting after it: what the table itself costs the GUI thread.
        const int total = args.size() > 2 ? args.at(2).toInt() : 100000;
        const int batch = args.size() > 3 ? args.at(3).toInt() : 110;
        Rwb::Trace trace = Rwb::Test::syntheticTrace(3);
        std::vector<double> flushes;
        for (int done = 0; done < total;) {
            for (int i = 0; i < batch && done < total; ++i, ++done) {
                Rwb::BulkResult r;
                r.index = done;
                r.line.lineNumber = done + 1;
                r.line.from = QStringLiteral("http://127.0.0.1:8080/slow/1?%1").arg(done);
                r.line.url = QUrl(r.line.from);
                r.trace = trace;
                r.elapsedMs = 1 + done % 17;
                window.model()->add(r);
            }
            QElapsedTimer t;
            t.start();
            window.model()->flush();
            QCoreApplication::processEvents();  // the view's layout and paint of the batch
            flushes.push_back(double(t.nsecsElapsed()) / 1e6);
        }
        std::vector<size_t> order(flushes.size());
        for (size_t i = 0; i < order.size(); ++i)
            order[i] = i;
        std::sort(order.begin(), order.end(),
                  [&flushes](size_t a, size_t b) { return flushes[a] > flushes[b]; });
        std::printf("synthetic: %d rows in batches of %d: slowest flush+paint", total, batch);
        for (size_t i = 0; i < std::min<size_t>(6, order.size()); ++i)
            std::printf(" %.1f ms (rows %zu)", flushes[order[i]], (order[i] + 1) * size_t(batch));
        std::sort(flushes.begin(), flushes.end());
        rusage synthetic{};
        ::getrusage(RUSAGE_SELF, &synthetic);
        std::printf("; median %.2f ms; peak RSS %.1f MiB\n", flushes[flushes.size() / 2],
                    double(synthetic.ru_maxrss) / 1024);
        return 0;
    }
    window.sourceEdit()->setText(args.at(1));
    window.parallelBox()->setValue(parallel);
    window.perHostBox()->setValue(parallel);

    if (qEnvironmentVariableIsSet("TRACES"))  // how many traces the window keeps (default kKeptTraces)
        window.model()->setTraceBudget(qEnvironmentVariableIntValue("TRACES"));
    std::vector<double> gaps;
    std::vector<double> when;  // seconds into the run at each gap's end
    gaps.reserve(1 << 20);
    when.reserve(1 << 20);
    QElapsedTimer clock;
    QTimer heartbeat;
    heartbeat.setTimerType(Qt::PreciseTimer);
    heartbeat.setInterval(5);
    qint64 last = 0;
    QObject::connect(&heartbeat, &QTimer::timeout, &window, [&] {
        const qint64 now = clock.nsecsElapsed();
        gaps.push_back(double(now - last) / 1e6);
        when.push_back(double(now) / 1e9);
        last = now;
        if (follow)
            window.table()->scrollToBottom();
    });

    QSignalSpy finished(&window, &Rwb::BulkCheckWindow::runFinished);
    clock.start();
    heartbeat.start();
    if (!window.run()) {
        std::fprintf(stderr, "bench_bulk_window: %s\n", qPrintable(window.statusLabel()->text()));
        return 2;
    }
    while (finished.isEmpty())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 100);
    heartbeat.stop();
    const double seconds = double(clock.nsecsElapsed()) / 1e9;

    std::vector<double> sorted = gaps;
    std::sort(sorted.begin(), sorted.end());
    const auto at = [&sorted](double q) {
        return sorted.at(size_t(double(sorted.size() - 1) * q));
    };
    const auto over = [&sorted](double ms) {
        return long(sorted.end() - std::upper_bound(sorted.begin(), sorted.end(), ms));
    };
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    const Rwb::BulkSummary &summary = window.model()->summary();
    std::printf("lines %lld (passed %lld) in %.1f s, %.0f lines/s, %d rows in the table%s\n",
                qlonglong(summary.total()), qlonglong(summary.passed()), seconds,
                double(summary.total()) / seconds, window.model()->rowCount(), follow ? ", following" : "");
    std::printf("event-loop gaps (5 ms heartbeat, %zu ticks): max %.1f ms, 99.9%% %.1f ms, 99%% %.1f ms; "
                "over 16 ms: %ld, over 50 ms: %ld\n",
                sorted.size(), sorted.empty() ? 0.0 : sorted.back(), at(0.999), at(0.99), over(16), over(50));
    std::vector<size_t> order(gaps.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::sort(order.begin(), order.end(), [&gaps](size_t a, size_t b) { return gaps[a] > gaps[b]; });
    std::printf("longest gaps:");
    for (size_t i = 0; i < std::min<size_t>(5, order.size()); ++i)
        std::printf(" %.1f ms at %.2f s;", gaps[order[i]], when[order[i]]);
    if (qEnvironmentVariableIsSet("MONOTONIC"))  // for perf record -k CLOCK_MONOTONIC: when the longest ended
        std::printf(" (monotonic end of the longest: %.6f s)",
                    double(clock.msecsSinceReference()) / 1e3 + (order.empty() ? 0.0 : when[order[0]]));
    std::printf("\npeak RSS %.1f MiB (traces kept: %lld)\n", double(usage.ru_maxrss) / 1024,
                qlonglong(window.model()->traceBudget()));
    return 0;
}
