#include "core/session/bulkcaserunner.h"

#include "core/check/bulkfetch.h"

#include <QTimer>

namespace Rwb {

BulkCaseRunner::BulkCaseRunner(QObject *parent)
    : QObject(parent)
{
    connect(&m_reader, &BulkInputReader::finished, this, [this](const BulkInputResult &r) {
        if (!r.input)
            fail(r.error);
        else
            run(*r.input);
    });
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
    m_bulk = *testCase.bulk;
    m_resolved = resolveCase(testCase, session, environment, overrides);
    if (!m_resolved.error.isEmpty()) {
        fail(m_resolved.error);
        return true;
    }
    m_reader.start(m_resolved.bulkInput, m_resolved.bulkLines.toUtf8(), QStringLiteral("its lines"),
                   m_bulk.inputKind, m_resolved.options);
    return true;
}

void BulkCaseRunner::run(const BulkInput &input)
{
    emit linesRead(input.lines.size());
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
    if (m_reader.isReading()) {  // no finished() from it now
        m_reader.cancel();
        fail(QStringLiteral("stopped while its input was read"));
    }
    if (m_runner.isRunning())
        m_runner.stop();
}

}  // namespace Rwb
