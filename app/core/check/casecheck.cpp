#include "core/check/casecheck.h"

#include <QRegularExpression>

namespace Rwb {

CaseVerdict checkCase(const SessionCase &testCase, const Trace &trace)
{
    CaseVerdict verdict;
    for (const Expectation &e : testCase.expectations) {
        ExpectationResult r = evaluateExpectation(e, trace);
        if (!r.passed)
            verdict.failures.append(r.message.isEmpty() ? describeExpectation(e) : r.message);
        verdict.results.append(std::move(r));
    }
    if (testCase.expectations.isEmpty() && trace.outcome.kind != OutcomeKind::Final) {
        verdict.failures.append(
            QStringLiteral("no expectations, and the chain did not reach a final response: %1: %2")
                .arg(outcomeKindName(trace.outcome.kind), trace.outcome.message));
    }
    verdict.passed = verdict.failures.isEmpty();
    return verdict;
}

CaseRun::Verdict runVerdict(const SessionCase &testCase, const CaseVerdict &verdict)
{
    if (!verdict.passed)
        return CaseRun::Verdict::Failed;
    return testCase.expectations.isEmpty() ? CaseRun::Verdict::Unchecked : CaseRun::Verdict::Passed;
}

void recordRun(SessionCase *testCase, const Trace &trace, int runsKept)
{
    if (testCase->lastTrace) {
        const CaseVerdict verdict = checkCase(*testCase, *testCase->lastTrace);
        testCase->history.prepend({runVerdict(*testCase, verdict), verdict.failures, *testCase->lastTrace});
    }
    testCase->lastTrace = trace;
    const qsizetype older = qMax(0, runsKept - 1);
    if (testCase->history.size() > older)
        testCase->history.resize(older);
}

QString expectationKindTitle(ExpectationKind kind)
{
    switch (kind) {
    case ExpectationKind::HopCount:
        return QStringLiteral("Number of hops");
    case ExpectationKind::StatusSequence:
        return QStringLiteral("Status sequence");
    case ExpectationKind::FinalUrl:
        return QStringLiteral("Final URL");
    case ExpectationKind::FinalStatus:
        return QStringLiteral("Final status");
    case ExpectationKind::HopLocation:
        return QStringLiteral("Location of hop");
    case ExpectationKind::FinalMethod:
        return QStringLiteral("Final method");
    case ExpectationKind::NoDowngrade:
        return QStringLiteral("Never https → http");
    case ExpectationKind::NoCrossOriginAuthorization:
        return QStringLiteral("Authorization stays on its origin");
    case ExpectationKind::CookieSet:
        return QStringLiteral("Cookie set");
    case ExpectationKind::MaxTotalTime:
        return QStringLiteral("Total time at most");
    case ExpectationKind::Outcome:
        return QStringLiteral("Outcome");
    }
    return {};
}

QString expectationValueText(const Expectation &e)
{
    switch (e.kind) {
    case ExpectationKind::HopCount:
        return e.match == Expectation::Match::AtMost ? QStringLiteral("≤ %1").arg(e.number)
                                                     : QString::number(e.number);
    case ExpectationKind::StatusSequence: {
        QStringList parts;
        for (int s : e.statuses)
            parts.append(QString::number(s));
        return parts.join(QLatin1String(", "));
    }
    case ExpectationKind::FinalStatus:
        return QString::number(e.number);
    case ExpectationKind::HopLocation:
        return QStringLiteral("%1: %2").arg(e.number).arg(e.text);
    case ExpectationKind::MaxTotalTime:
        return QStringLiteral("%1 ms").arg(e.number);
    case ExpectationKind::NoDowngrade:
    case ExpectationKind::NoCrossOriginAuthorization:
        return {};
    case ExpectationKind::FinalUrl:
    case ExpectationKind::FinalMethod:
    case ExpectationKind::CookieSet:
    case ExpectationKind::Outcome:
        return e.text;
    }
    return {};
}

namespace {

std::optional<int> parseInt(const QString &text, int min, int max)
{
    bool ok = false;
    const int n = text.trimmed().toInt(&ok);
    if (!ok || n < min || n > max)
        return std::nullopt;
    return n;
}

}  // namespace

std::optional<Expectation> parseExpectationValue(ExpectationKind kind, const QString &text, QString *error)
{
    Expectation e;
    e.kind = kind;
    const QString t = text.trimmed();
    const auto fail = [error](const QString &message) -> std::optional<Expectation> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    switch (kind) {
    case ExpectationKind::HopCount: {
        static const QRegularExpression re(QStringLiteral("^(≤|<=|at most)?\\s*(\\d+)$"),
                                           QRegularExpression::CaseInsensitiveOption);
        const QRegularExpressionMatch m = re.match(t);
        const std::optional<int> n = m.hasMatch() ? parseInt(m.captured(2), 1, 100000) : std::nullopt;
        if (!n)
            return fail(QStringLiteral("a number of hops (1 or more), or \"≤ N\" for at most N"));
        e.number = *n;
        e.match = m.captured(1).isEmpty() ? Expectation::Match::Exact : Expectation::Match::AtMost;
        return e;
    }
    case ExpectationKind::StatusSequence: {
        const QStringList parts =
            t.split(QRegularExpression(QStringLiteral("[,\\s→>-]+")), Qt::SkipEmptyParts);
        for (const QString &p : parts) {
            const std::optional<int> s = parseInt(p, 0, 999);
            if (!s)
                return fail(
                    QStringLiteral("\"%1\" is not a status code: write them as 301, 302, 200").arg(p));
            e.statuses.append(*s);
        }
        if (e.statuses.isEmpty())
            return fail(QStringLiteral("one status code or more, as 301, 302, 200"));
        return e;
    }
    case ExpectationKind::FinalStatus: {
        const std::optional<int> s = parseInt(t, 0, 999);
        if (!s)
            return fail(QStringLiteral("a status code such as 200"));
        e.number = *s;
        return e;
    }
    case ExpectationKind::HopLocation: {
        static const QRegularExpression re(QStringLiteral("^(?:hop\\s*)?#?(\\d+)\\s*:\\s*(.*)$"),
                                           QRegularExpression::CaseInsensitiveOption);
        const QRegularExpressionMatch m = re.match(t);
        const std::optional<int> n = m.hasMatch() ? parseInt(m.captured(1), 0, 100000) : std::nullopt;
        if (!n || m.captured(2).isEmpty())
            return fail(QStringLiteral("the hop and its Location, as 0: /new"));
        e.number = *n;
        e.text = m.captured(2);
        return e;
    }
    case ExpectationKind::MaxTotalTime: {
        QString digits = t;
        if (digits.endsWith(QLatin1String("ms"), Qt::CaseInsensitive))
            digits.chop(2);
        const std::optional<int> ms = parseInt(digits, 1, 24 * 3600 * 1000);
        if (!ms)
            return fail(QStringLiteral("milliseconds, as 500 ms"));
        e.number = *ms;
        return e;
    }
    case ExpectationKind::NoDowngrade:
    case ExpectationKind::NoCrossOriginAuthorization:
        return e;
    case ExpectationKind::FinalUrl:
        if (t.isEmpty())
            return fail(QStringLiteral("a URL; * matches any run of characters"));
        e.text = t;
        e.match = t.contains(QLatin1Char('*')) ? Expectation::Match::Pattern : Expectation::Match::Exact;
        return e;
    case ExpectationKind::FinalMethod:
        if (t.isEmpty() || t.contains(QLatin1Char(' ')))
            return fail(QStringLiteral("a method such as GET"));
        e.text = t.toUpper();
        return e;
    case ExpectationKind::CookieSet:
        if (t.isEmpty() || t.contains(QLatin1Char('=')) || t.contains(QLatin1Char(';')))
            return fail(QStringLiteral("the name of a cookie"));
        e.text = t;
        return e;
    case ExpectationKind::Outcome:
        if (!outcomeKindFromName(t))
            return fail(QStringLiteral("an outcome: final, too-many-redirects, loop, blocked-scheme, "
                                       "invalid-location, network-error, timeout, tls-error or stopped"));
        e.text = t;
        return e;
    }
    return fail(QStringLiteral("unknown kind"));
}

Expectation defaultExpectation(ExpectationKind kind, const Trace *trace)
{
    if (trace && !trace->hops.isEmpty()) {
        for (const Expectation &e : expectationsFromTrace(*trace)) {
            if (e.kind == kind)
                return e;
        }
    }
    Expectation e;
    e.kind = kind;
    switch (kind) {
    case ExpectationKind::HopCount:
        e.number = 2;
        break;
    case ExpectationKind::StatusSequence:
        e.statuses = {301, 200};
        break;
    case ExpectationKind::FinalStatus:
        e.number = 200;
        break;
    case ExpectationKind::MaxTotalTime:
        e.number = 1000;
        break;
    case ExpectationKind::FinalMethod:
        e.text = QStringLiteral("GET");
        break;
    case ExpectationKind::Outcome:
        e.text = QStringLiteral("final");
        break;
    case ExpectationKind::HopLocation:
        e.text = QStringLiteral("/");
        break;
    case ExpectationKind::CookieSet:
        e.text = QStringLiteral("session");
        break;
    case ExpectationKind::FinalUrl:
        e.text = QStringLiteral("*");
        e.match = Expectation::Match::Pattern;
        break;
    case ExpectationKind::NoDowngrade:
    case ExpectationKind::NoCrossOriginAuthorization:
        break;
    }
    return e;
}

}  // namespace Rwb
