#include "core/io/boundedread.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cstdio>

namespace Rwb {

QString byteLimitText(qint64 bytes)
{
    if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0)
        return QStringLiteral("%1 MiB").arg(bytes / (1024 * 1024));
    if (bytes >= 1024 && bytes % 1024 == 0)
        return QStringLiteral("%1 KiB").arg(bytes / 1024);
    return QStringLiteral("%1 bytes").arg(bytes);
}

BoundedRead readBounded(const QString &path, qint64 limit, const QString &what)
{
    const bool standardInput = path == QLatin1String("-");
    const QString name = standardInput ? QStringLiteral("standard input") : QDir::toNativeSeparators(path);
    BoundedRead result;
    const auto fail = [&](const QString &why) {
        result.error = QStringLiteral("%1: %2").arg(name, why);
        return result;
    };
    const QString tooBig =
        QStringLiteral("more than %1 (the most %2 may have)").arg(byteLimitText(limit), what);
    QFile file;
    if (standardInput) {
        if (!file.open(stdin, QIODevice::ReadOnly))
            return fail(QStringLiteral("cannot read: %1").arg(file.errorString()));
    } else {
        const QFileInfo info(path);
        if (!info.exists())
            return fail(QStringLiteral("no such file"));
        if (info.isDir())
            return fail(QStringLiteral("is a directory, not %1").arg(what));
        if (!info.isFile())
            return fail(QStringLiteral("not a regular file (a pipe or a device is not read)"));
        if (info.size() > limit)
            return fail(tooBig);
        file.setFileName(path);
        if (!file.open(QIODevice::ReadOnly))
            return fail(QStringLiteral("cannot open: %1").arg(file.errorString()));
    }
    // One byte past the limit tells a file that grew (or an endless stdin) from one that fits.
    QByteArray bytes = file.read(limit + 1);
    if (file.error() != QFileDevice::NoError)
        return fail(QStringLiteral("cannot read: %1").arg(file.errorString()));
    if (bytes.size() > limit)
        return fail(tooBig);
    result.bytes = std::move(bytes);
    return result;
}

}  // namespace Rwb
