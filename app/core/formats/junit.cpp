#include "core/formats/junit.h"

#include "core/formats/bulkreport.h"

#include <QXmlStreamWriter>

namespace Rwb {

namespace {

// XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]. Anything else
// (server bytes quoted in a message, say) is replaced by an escape people can read.
QString xmlText(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        const char16_t u = c.unicode();
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            out += c;
            out += text.at(++i);
        } else if ((u < 0x20 && u != 0x9 && u != 0xa && u != 0xd) || c.isSurrogate() || u == 0xfffe
                   || u == 0xffff) {
            out += QStringLiteral("\\x%1").arg(uint(u), 2, 16, QLatin1Char('0'));
        } else {
            out += c;
        }
    }
    return out;
}

QString seconds(double s)
{
    return QString::number(qMax(0.0, s), 'f', 3);
}

}  // namespace

QByteArray junitXml(const JUnitSuite &suite)
{
    int failures = 0;
    int errors = 0;
    for (const JUnitCase &c : suite.cases) {
        failures += c.result == JUnitCase::Result::Failed ? 1 : 0;
        errors += c.result == JUnitCase::Result::Error ? 1 : 0;
    }
    const QString tests = QString::number(suite.cases.size());

    QByteArray bytes;
    QXmlStreamWriter xml(&bytes);
    xml.setAutoFormatting(true);
    xml.setAutoFormattingIndent(2);
    xml.writeStartDocument();
    xml.writeStartElement(QStringLiteral("testsuites"));
    xml.writeAttribute(QStringLiteral("name"), xmlText(suite.name));
    xml.writeAttribute(QStringLiteral("tests"), tests);
    xml.writeAttribute(QStringLiteral("failures"), QString::number(failures));
    xml.writeAttribute(QStringLiteral("errors"), QString::number(errors));
    xml.writeAttribute(QStringLiteral("time"), seconds(suite.seconds));

    xml.writeStartElement(QStringLiteral("testsuite"));
    xml.writeAttribute(QStringLiteral("name"), xmlText(suite.name));
    xml.writeAttribute(QStringLiteral("tests"), tests);
    xml.writeAttribute(QStringLiteral("failures"), QString::number(failures));
    xml.writeAttribute(QStringLiteral("errors"), QString::number(errors));
    xml.writeAttribute(QStringLiteral("skipped"), QStringLiteral("0"));
    xml.writeAttribute(QStringLiteral("time"), seconds(suite.seconds));
    if (suite.timestamp.isValid())
        xml.writeAttribute(QStringLiteral("timestamp"), suite.timestamp.toUTC().toString(Qt::ISODate));

    for (const JUnitCase &c : suite.cases) {
        xml.writeStartElement(QStringLiteral("testcase"));
        xml.writeAttribute(QStringLiteral("name"), xmlText(c.name));
        xml.writeAttribute(QStringLiteral("classname"), xmlText(c.className));
        xml.writeAttribute(QStringLiteral("time"), seconds(c.seconds));
        if (c.result != JUnitCase::Result::Passed) {
            xml.writeStartElement(c.result == JUnitCase::Result::Failed ? QStringLiteral("failure")
                                                                        : QStringLiteral("error"));
            xml.writeAttribute(QStringLiteral("message"), xmlText(c.message));
            xml.writeAttribute(QStringLiteral("type"), xmlText(c.type));
            xml.writeCharacters(xmlText(c.details));
            xml.writeEndElement();
        }
        if (!c.systemOut.isEmpty())
            xml.writeTextElement(QStringLiteral("system-out"), xmlText(c.systemOut));
        xml.writeEndElement();  // testcase
    }
    xml.writeEndElement();  // testsuite
    xml.writeEndElement();  // testsuites
    xml.writeEndDocument();
    return bytes;
}

JUnitCase bulkJUnitCase(const BulkRow &row, const QString &className)
{
    JUnitCase c;
    c.name = QStringLiteral("line %1: %2").arg(row.line).arg(row.from);
    c.className = className;
    c.seconds = row.ms / 1000;
    if (!row.passed) {
        c.result = JUnitCase::Result::Failed;
        c.type = row.firstCode;
        c.message = row.problems.left(300);
        c.details = row.problems;
    }
    c.systemOut = row.statuses.isEmpty() ? QString() : row.statuses + QLatin1String("  ") + row.finalUrl;
    return c;
}

}  // namespace Rwb
