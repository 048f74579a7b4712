#include "core/session/bulkcaserunner.h"

#include "core/check/bulkfetch.h"

#include <QTimer>
#include <QUrl>

namespace Rwb {

BulkCaseRunner::BulkCaseRunner(QObject *parent)
    : QObject(parent)
{
    connect(&m_runner, &BulkRunner::lineFinished, this, &BulkCaseRunner::lineFinished);
    connect(&m_runner, &BulkRunner::finished, this, [this] {
        m_running = false;
        emit finished(QString());
    });
}

BulkCaseRunner::~BulkCaseRunner() = default;

bool BulkCaseRunner::start(const SessionCase &testCase, const Session &session, const QString &environment,
                           const Variables &overrides)
{
    if (m_running || !testCase.bulk)
        return false;
    m_running = true;
    m_stopped = false;
    m_total = 0;
    m_bulk = *testCase.bulk;
    m_resolved = resolveCase(testCase, session, environment, overrides);
    if (!m_resolved.error.isEmpty()) {
        fail(m_resolved.error);
        return true;
    }
    const QString &input = m_resolved.bulkInput;
    const QUrl url(input);
    if (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https")) {
        m_fetcher = std::make_unique<BulkInputFetcher>();
        connect(m_fetcher.get(), &BulkInputFetcher::finished, this, [this](const BulkInputResult &r) {
            m_fetcher.release()->deleteLater();
            if (m_stopped)
                fail(QStringLiteral("stopped while its input was fetched"));
            else if (!r.input)
                fail(r.error);
            else
                run(*r.input);
        });
        m_fetcher->start(url, m_bulk.inputKind, m_resolved.options);
        return true;
    }
    BulkInputResult read;
    if (input.isEmpty()) {
        read = parseBulkInput(m_resolved.bulkLines.toUtf8(), m_bulk.inputKind);
        if (!read.input)
            read.error = QStringLiteral("its lines: ") + read.error;
    } else {
        read = readBulkInputFile(input, m_bulk.inputKind);
    }
    // Reported on the next turn, as every other outcome: a caller connects after start().
    QTimer::singleShot(0, this, [this, read] {
        if (m_stopped)
            fail(QStringLiteral("stopped"));
        else if (!read.input)
            fail(read.error);
        else
            run(*read.input);
    });
    return true;
}

void BulkCaseRunner::run(const BulkInput &input)
{
    m_total = input.lines.size();
    emit linesRead(m_total);
    if (!m_runner.start(input.lines, m_resolved.request, m_resolved.options, m_bulk.rules(), m_bulk.settings))
        fail(QStringLiteral("the bulk check could not start"));
}

void BulkCaseRunner::fail(const QString &error)
{
    // Later, never inside start(): whoever started the case is ready for finished() once start() returned.
    QTimer::singleShot(0, this, [this, error] {
        m_running = false;
        emit finished(error);
    });
}

void BulkCaseRunner::stop()
{
    m_stopped = true;
    if (m_runner.isRunning())
        m_runner.stop();
}

}  // namespace Rwb
