#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace Rwb {

// The limits of what rwb and the window read from a file or standard input: each input is read whole, so
// each has a ceiling, named in the error.
inline constexpr qint64 kMaxDocumentBytes = 64 * 1024 * 1024;  // sessions, traces, HAR files, bodies
inline constexpr qint64 kMaxCommandBytes = 1 * 1024 * 1024;    // a pasted curl command

struct BoundedRead {
    std::optional<QByteArray> bytes;
    // For people, naming the file: "trace.json: more than 64 MiB (the most a trace is read)".
    QString error;
};

// The one reader of every file and stdin input: reads the file at `path` ("-" is standard input), at most
// `limit` bytes. Anything but a regular file (a directory, a FIFO, a device such as /dev/zero) is refused
// before it is read, so that it can neither block nor fill memory; standard input is read up to the limit
// and refused beyond it. `what` names the kind of input in the error ("a trace").
BoundedRead readBounded(const QString &path, qint64 limit, const QString &what);

// "64 MiB", "1 MiB", "512 KiB", "100 bytes".
QString byteLimitText(qint64 bytes);

}  // namespace Rwb
