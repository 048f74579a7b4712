// rwb run SESSION: every selected case of a saved session is run like `rwb trace` runs one, and its
// expectations are checked.
#include "commands.h"
#include "common.h"
#include "textreport.h"

#include "core/formats/bulkreport.h"
#include "core/formats/junit.h"
#include "core/formats/traceexport.h"
#include "core/session/caserunner.h"
#include "core/session/session.h"
#include "sandbox/sandbox.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QSet>

#include <algorithm>
#include <cstdio>
#include <optional>

namespace Rwb::Cli {

namespace {

void collectFolders(const QList<SessionItem> &items, const QString &prefix, QStringList *paths)
{
    for (const SessionItem &item : items) {
        if (item.type != SessionItem::Type::Folder)
            continue;
        const QString path = prefix.isEmpty() ? item.name : prefix + QLatin1Char('/') + item.name;
        paths->append(path);
        collectFolders(item.children, path, paths);
    }
}

// --folder NAME names a folder by its path ("Auth/Cross-origin") or by its own name at any depth; it
// selects the cases in that folder and its subfolders.
bool inFolder(const QString &folderPath, const QString &name)
{
    if (folderPath.isEmpty())
        return false;
    return folderPath == name || folderPath.startsWith(name + QLatin1Char('/'))
           || folderPath.split(QLatin1Char('/')).contains(name);
}

bool folderExists(const QStringList &folders, const QString &name)
{
    for (const QString &f : folders) {
        if (f == name || f.split(QLatin1Char('/')).contains(name))
            return true;
    }
    return false;
}

QString plural(qsizetype n, const char *one, const char *many)
{
    return QString::number(n) + QLatin1Char(' ') + QLatin1String(n == 1 ? one : many);
}

// A HAR file name from the folder path and the case name: letters, digits, '.', '_' and '-' kept, any
// other run of characters becomes one '-', path parts are joined by "__". Names already taken (compared
// without case, for case-insensitive file systems) get "-2", "-3", ...
QString harFileName(const CaseRef &ref, QSet<QString> *taken)
{
    QStringList parts = ref.folderPath.isEmpty() ? QStringList() : ref.folderPath.split(QLatin1Char('/'));
    parts.append(ref.testCase->name);
    QStringList safeParts;
    for (const QString &part : parts) {
        QString safe;
        for (const QChar c : part) {
            const bool keep = (c >= QLatin1Char('a') && c <= QLatin1Char('z'))
                              || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
                              || (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('.')
                              || c == QLatin1Char('_') || c == QLatin1Char('-');
            if (keep)
                safe += c;
            else if (!safe.endsWith(QLatin1Char('-')))
                safe += QLatin1Char('-');
        }
        // No hidden files, no "." or "..".
        while (safe.startsWith(QLatin1Char('.')) || safe.startsWith(QLatin1Char('-')))
            safe.remove(0, 1);
        while (safe.endsWith(QLatin1Char('.')) || safe.endsWith(QLatin1Char('-')))
            safe.chop(1);
        if (!safe.isEmpty())
            safeParts.append(safe);
    }
    QString base = safeParts.join(QLatin1String("__")).left(120);
    if (base.isEmpty())
        base = QStringLiteral("case");
    QString name = base;
    for (int n = 2; taken->contains(name.toLower()); ++n)
        name = base + QLatin1Char('-') + QString::number(n);
    taken->insert(name.toLower());
    return name + QLatin1String(".har");
}

// The chain's own time, as its timeline shows it.
double chainMs(const Trace &trace)
{
    return trace.hops.isEmpty() ? 0 : trace.hops.constLast().timing.endMs;
}

QByteArray resultLines(const CaseRunResult &r, const CaseRef &ref, bool colour)
{
    const auto paint = [colour](const char *code, const QByteArray &text) {
        return colour ? QByteArray("\x1b[") + code + 'm' + text + "\x1b[0m" : text;
    };
    QByteArray out = r.passed() ? paint("1;32", "PASS") : paint("1;31", "FAIL");
    out += ' ' + oneLine(caseDisplayName(ref)).toUtf8() + "  (";
    if (r.bulk) {
        const BulkCaseResult &b = *r.bulk;
        out += QStringLiteral("bulk check: %1, %2 passed, %3 failed%4, %5 s")
                   .arg(plural(b.lines, "line", "lines"))
                   .arg(b.done - b.failed)
                   .arg(b.failed)
                   .arg(b.stopped ? QStringLiteral(", stopped") : QString())
                   .arg(r.elapsedMs / 1000, 0, 'f', 1)
                   .toUtf8();
    } else if (ref.testCase->bulk) {
        out += "bulk check, not run";
    } else if (r.trace) {
        out += plural(r.trace->hops.size(), "hop", "hops").toUtf8() + ", "
               + QByteArray::number(qRound(chainMs(*r.trace))) + " ms";
        if (ref.testCase->expectations.isEmpty())
            out += r.passed() ? ", no expectations: the chain reached a final response" : ", no expectations";
    } else {
        out += "not run";
    }
    out += ")\n";
    for (const QString &line : verdictLines(r))
        out += "    " + oneLine(line).toUtf8() + '\n';
    return out;
}

JUnitCase junitCase(const CaseRunResult &r, const CaseRef &ref, const QString &suiteName, bool keepSecrets)
{
    JUnitCase c;
    c.name = ref.testCase->name;
    c.className = ref.folderPath.isEmpty() ? suiteName : QString(ref.folderPath).replace(u'/', u'.');
    c.seconds = r.elapsedMs / 1000;
    if (!r.trace) {
        c.result = JUnitCase::Result::Error;
        c.type = QStringLiteral("resolve");
        c.message = r.error;
        c.details = r.error;
        return c;
    }
    const QStringList failures = verdictLines(r);
    if (!failures.isEmpty()) {
        const qsizetype expectationCount = ref.testCase->expectations.size();
        c.result = JUnitCase::Result::Failed;
        c.type = expectationCount > 0 ? QStringLiteral("expectation") : QStringLiteral("outcome");
        c.message =
            failures.size() == 1
                ? failures.constFirst()
                : QStringLiteral("%1 of %2 expectations failed").arg(failures.size()).arg(expectationCount);
        c.details = failures.join(QLatin1Char('\n'));
    }
    c.systemOut = QString::fromUtf8(textReport(keepSecrets ? *r.trace : redactTrace(*r.trace), false));
    return c;
}

}  // namespace

int runCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption helpOption = startCommandParser(
        parser,
        QStringLiteral(
            "Run the cases of a saved session and check their expectations. Prints PASS or FAIL for\n"
            "each case, the failed expectations under it, and last 'N passed, M failed'.\n"
            "A case that holds a bulk check traces and checks each of its lines as rwb check does; it\n"
            "passes when every line passes, and the JUnit report has a testcase per line.\n"
            "With --sandbox the redirect sandbox runs in this process (free ports, the session's own\n"
            "sandbox rules first) and every case gets {{sandbox}}, {{sandbox_other}} and\n"
            "{{sandbox_https}}, over the session's and the environment's values.\n"
            "Exit status: 0 every case passed, 1 some case failed, 2 bad usage or session file."));
    parser.addPositionalArgument(QStringLiteral("SESSION"),
                                 QStringLiteral("The session file (.rwbsession)."));
    // The options as a table, declared alike in every command.
    const QCommandLineOption caseOption(
        QStringLiteral("case"), QStringLiteral("Run this case (its name or folder/path/name), repeatable."),
        QStringLiteral("NAME"));
    const QCommandLineOption folderOption(
        QStringLiteral("folder"),
        QStringLiteral("Run the cases of this folder and its subfolders, repeatable."),
        QStringLiteral("NAME"));
    const QCommandLineOption envOption(
        QStringLiteral("env"), QStringLiteral("Use this environment's variables."), QStringLiteral("NAME"));
    const QCommandLineOption junitOption(QStringLiteral("junit"),
                                         QStringLiteral("Write a JUnit XML report there (for CI)."),
                                         QStringLiteral("FILE"));
    const QCommandLineOption harOption(QStringLiteral("har"),
                                       QStringLiteral("Write one HAR file per case into DIR."),
                                       QStringLiteral("DIR"));
    const QCommandLineOption keepSecretsOption(
        QStringLiteral("keep-secrets"),
        QStringLiteral("Keep credentials, cookies and secret parameters in the HAR and JUnit files."));
    const QCommandLineOption noColorOption(QStringLiteral("no-color"), QStringLiteral("No ANSI colours."));
    const QCommandLineOption sandboxOption(
        QStringLiteral("sandbox"),
        QStringLiteral("Run the redirect sandbox meanwhile; the cases get its URLs as {{sandbox}}, "
                       "{{sandbox_other}} and {{sandbox_https}}."));
    const QCommandLineOption varOption(
        QStringLiteral("var"),
        QStringLiteral("Set the variable NAME for {{NAME}}, over the session's and the environment's values "
                       "(a secret kept out of the file, such as a certificate's password). Repeatable."),
        QStringLiteral("NAME=VALUE"));
    parser.addOptions({caseOption, folderOption, envOption, junitOption, harOption, keepSecretsOption,
                       noColorOption, sandboxOption, varOption});
    if (const std::optional<int> exit =
            parseCommand(parser, arguments, helpOption, 1, QStringLiteral("run needs a SESSION file")))
        return *exit;
    const QStringList positional = parser.positionalArguments();
    const QString path = positional.at(1);
    const SessionLoadResult loaded = loadSessionFile(path);
    if (!loaded.session)
        return usageError(loaded.error);
    const Session &session = *loaded.session;

    const QString environment = parser.value(envOption);
    if (parser.isSet(envOption)) {
        QStringList names;
        for (const Environment &e : session.environments)
            names.append(e.name);
        if (!names.contains(environment)) {
            return usageError(QStringLiteral("unknown environment '%1' in %2 (%3)")
                                  .arg(environment, path,
                                       names.isEmpty() ? QStringLiteral("it has none")
                                                       : QStringLiteral("it has ") + names.join(u", ")));
        }
    }

    // Selection: every case, or those --case and --folder name, in the session's order.
    const QList<CaseRef> everyCase = allCases(session);
    const QStringList caseNames = parser.values(caseOption);
    const QStringList folderNames = parser.values(folderOption);
    QStringList folders;
    collectFolders(session.items, QString(), &folders);
    for (const QString &name : caseNames) {
        if (findCases(session, name).isEmpty())
            return usageError(QStringLiteral("no case '%1' in %2").arg(name, path));
    }
    for (const QString &name : folderNames) {
        if (!folderExists(folders, name))
            return usageError(QStringLiteral("no folder '%1' in %2").arg(name, path));
    }
    QList<CaseRef> selected;
    for (const CaseRef &ref : everyCase) {
        bool take = caseNames.isEmpty() && folderNames.isEmpty();
        for (const QString &name : caseNames)
            take = take || ref.testCase->name == name || caseDisplayName(ref) == name;
        for (const QString &name : folderNames)
            take = take || inFolder(ref.folderPath, name);
        if (take)
            selected.append(ref);
    }

    // Nothing to run is not a pass: a CI step on an empty session (or an empty folder) must not go green.
    if (selected.isEmpty()) {
        return usageError(everyCase.isEmpty()
                              ? QStringLiteral("%1 has no cases to run").arg(path)
                              : QStringLiteral("the folders named hold no cases in %1").arg(path));
    }

    Variables given;
    for (const QString &assignment : parser.values(varOption)) {
        const qsizetype eq = assignment.indexOf(QLatin1Char('='));
        if (eq <= 0)
            return usageError(QStringLiteral("invalid --var '%1': expected NAME=VALUE").arg(assignment));
        given.append({assignment.left(eq).trimmed(), assignment.mid(eq + 1)});
    }

    const QString harDir = parser.value(harOption);
    if (parser.isSet(harOption) && !QDir().mkpath(harDir))
        return usageError(QStringLiteral("cannot create the directory '%1'").arg(harDir));

    // The sandbox lives on this thread: it answers from the event loop turned below while the cases run
    // (Qt's HTTP client works in a thread of its own).
    std::optional<Sandbox> sandbox;
    Variables overrides;
    if (parser.isSet(sandboxOption)) {
        sandbox.emplace();
        sandbox->setRules(session.sandboxRules);
        QString error;
        if (!sandbox->start(0, &error))
            return usageError(QStringLiteral("the sandbox cannot start: %1").arg(error));
        overrides = sandboxVariables(sandbox->urls());
        QString line =
            QStringLiteral("Sandbox: %1, other origin %2, https %3\n")
                .arg(sandbox->originUrl().toString(), sandbox->otherUrl().toString(),
                     sandbox->httpsUrl().isEmpty() ? QStringLiteral("none (%1)").arg(sandbox->tlsError())
                                                   : sandbox->httpsUrl().toString());
        writeStdout(line.toUtf8());
    }
    overrides += given;  // the strongest: over the sandbox's too

    const bool keepSecrets = parser.isSet(keepSecretsOption);
    const bool colour = !parser.isSet(noColorOption) && stdoutWantsColour();
    const QDateTime started = QDateTime::currentDateTimeUtc();
    QElapsedTimer clock;
    clock.start();
    // Every case through the one CaseRunner, as the window runs them: the same verdict, the same words.
    // Each result is printed as it comes, with the case's HAR file; a bulk check's lines become JUnit
    // testcases as they end.
    QList<CaseRunJob> jobs;
    for (qsizetype i = 0; i < selected.size(); ++i)
        jobs.append({QVariant(int(i)), *selected.at(i).testCase});
    CaseRunner runner;
    QList<CaseRunResult> results;
    QHash<int, QList<QPair<qint64, JUnitCase>>> bulkLines;  // by case: (line number, its testcase)
    QSet<QString> harNames;
    int exitCode = 0;
    QObject::connect(
        &runner, &CaseRunner::bulkLineFinished, [&](int, const QVariant &id, const BulkResult &line) {
            const CaseRef &ref = selected.at(id.toInt());
            QString className = ref.folderPath.isEmpty()
                                    ? ref.testCase->name
                                    : ref.folderPath + QLatin1Char('/') + ref.testCase->name;
            className.replace(u'/', u'.');
            bulkLines[id.toInt()].append({line.line.lineNumber, bulkJUnitCase(bulkRowOf(line), className)});
        });
    QObject::connect(&runner, &CaseRunner::caseFinished, [&](const CaseRunResult &r) {
        const CaseRef &ref = selected.at(r.id.toInt());
        writeStdout(resultLines(r, ref, colour));
        if (r.trace && !harDir.isEmpty()) {
            const QString file = QDir(harDir).filePath(harFileName(ref, &harNames));
            QString error;
            ExportOptions options;
            options.keepSecrets = keepSecrets;
            if (!writeOutput(file, exportTrace(*r.trace, ExportFormat::Har, options), &error))
                exitCode = usageError(QStringLiteral("cannot write '%1': %2").arg(file, error));
        }
        results.append(r);
    });
    QEventLoop loop;
    QObject::connect(&runner, &CaseRunner::finished, &loop, &QEventLoop::quit);
    runner.start(jobs, session, environment, overrides);
    if (runner.isRunning())
        loop.exec();
    const double totalMs = double(clock.nsecsElapsed()) / 1e6;

    int passed = 0;
    for (const CaseRunResult &r : results)
        passed += r.passed() ? 1 : 0;
    const int failed = int(results.size()) - passed;

    if (parser.isSet(junitOption)) {
        JUnitSuite suite;
        suite.name = session.name.isEmpty() ? QFileInfo(path).completeBaseName() : session.name;
        suite.timestamp = started;
        suite.seconds = totalMs / 1000;
        for (const CaseRunResult &r : results) {
            if (!r.bulk) {
                suite.cases.append(junitCase(r, selected.at(r.id.toInt()), suite.name, keepSecrets));
                continue;
            }
            // A testcase per line, in the input's order.
            QList<QPair<qint64, JUnitCase>> lines = bulkLines.take(r.id.toInt());
            std::stable_sort(lines.begin(), lines.end(),
                             [](const auto &a, const auto &b) { return a.first < b.first; });
            for (const auto &line : std::as_const(lines))
                suite.cases.append(line.second);
        }
        QString error;
        const QString junitPath = parser.value(junitOption);
        if (!writeOutput(junitPath, junitXml(suite), &error))
            exitCode = usageError(QStringLiteral("cannot write '%1': %2").arg(junitPath, error));
    }

    writeStdout(QStringLiteral("%1 passed, %2 failed\n").arg(passed).arg(failed).toUtf8());
    if (exitCode != 0)
        return exitCode;
    return failed == 0 ? 0 : 1;
}

}  // namespace Rwb::Cli
