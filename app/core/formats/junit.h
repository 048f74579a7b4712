#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

namespace Rwb {

struct BulkRow;

// The JUnit XML that CI systems read (Jenkins, GitLab, GitHub actions' test reporters, ...), as
// tests/data/junit.xsd describes it:
//
// <testsuites name tests failures errors time>
//     <testsuite name tests failures errors skipped time timestamp>
//         <testcase name classname time>
//             <failure message type>text</failure> | <error message type>text</error>
//             <system-out>text</system-out>
//         </testcase>
//     </testsuite>
// </testsuites>
struct JUnitCase {
    enum class Result { Passed, Failed, Error };
    QString name;
    QString className;
    double seconds = 0;
    Result result = Result::Passed;
    QString type;       // of the failure or error: "expectation", "outcome", "resolve"
    QString message;    // short, for the message attribute
    QString details;    // the element's text
    QString systemOut;  // empty: no <system-out>
};

struct JUnitSuite {
    QString name;
    QDateTime timestamp;
    double seconds = 0;
    QList<JUnitCase> cases;
};

// UTF-8 XML 1.0; characters XML cannot hold (C0 controls but tab and newlines, U+FFFE, U+FFFF, lone
// surrogates) are written as visible escapes such as "\x1b".
QByteArray junitXml(const JUnitSuite &suite);

// A line of a bulk check as a testcase ("line 3: https://a.test/old"): failed with its first problem's code
// as the type, the chain as system-out.
JUnitCase bulkJUnitCase(const BulkRow &row, const QString &className);

}  // namespace Rwb
