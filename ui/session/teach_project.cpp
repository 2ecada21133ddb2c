#include "session/teach_project.h"

#include "base/error.h"
#include "data/image_folder.h"
#include "io/files.h"
#include "io/json_file.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include <nlohmann/json.hpp>

#include <algorithm>

namespace tl::ui {

namespace {

QStringList imagesIn(const QString &folder)
{
    QStringList files;
    QDirIterator it(folder, QDir::Files | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (!it.fileName().startsWith(QLatin1Char('.')) &&
            data::hasImageExtension(path.toStdString()))
            files << path;
    }
    files.sort();
    return files;
}

std::string str(const QString &s)
{
    return s.toStdString();
}

} // namespace

TeachProject TeachProject::open(const QString &folder)
{
    if (folder.isEmpty())
        throw Error("Teach: no project folder given");
    QDir dir(folder);
    if (!dir.exists() && !QDir().mkpath(folder))
        throw fileError(str(folder), "cannot create the project folder");
    if (!QFileInfo(folder).isDir())
        throw fileError(str(folder), "is not a folder");
    TeachProject p;
    p.m_folder = QDir(folder).absolutePath();
    const QStringList names = dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &name : names)
        if (!name.startsWith(QLatin1Char('.')))
            p.m_classes.push_back({name, imagesIn(dir.filePath(name))});
    p.readSettings();
    return p;
}

void TeachProject::readSettings()
{
    const QString path = QDir(m_folder).filePath(QLatin1String(kSettingsFile));
    if (!QFileInfo::exists(path))
        return;
    const nlohmann::json j = readJsonFile(str(path));
    JsonObject o(j, "", str(path), false);
    if (o.has("backbone")) {
        JsonObject b(o.child("backbone"), "backbone", str(path), false);
        b.get("model", backbone.model);
        b.get("imagenet", backbone.imagenet);
        b.get("image_size", backbone.imageSize);
        if (std::find(teach::teachModels().begin(), teach::teachModels().end(),
                      backbone.model) == teach::teachModels().end())
            b.fail("model", "'" + backbone.model + "' is not a Teach backbone");
        if (backbone.imageSize < 32 || backbone.imageSize > 512)
            b.fail("image_size", "expected 32..512");
    }
    std::string camera = str(cameraSource);
    o.get("camera", camera);
    cameraSource = QString::fromStdString(camera);
}

QString TeachProject::classFolder(int c) const
{
    return QDir(m_folder).filePath(className(c));
}

QStringList TeachProject::classNames() const
{
    QStringList names;
    for (const auto &c : m_classes)
        names << c.name;
    return names;
}

int TeachProject::indexOf(const QString &name) const
{
    for (std::size_t i = 0; i < m_classes.size(); ++i)
        if (m_classes[i].name == name)
            return int(i);
    return -1;
}

int TeachProject::imageCount() const
{
    int n = 0;
    for (const auto &c : m_classes)
        n += int(c.files.size());
    return n;
}

int TeachProject::classesWithImages() const
{
    return int(std::count_if(m_classes.begin(), m_classes.end(),
                             [](const Class &c) { return !c.files.isEmpty(); }));
}

int TeachProject::addClass(const QString &raw)
{
    const QString name = raw.trimmed();
    if (!isOpen())
        throw Error("Teach: no project is open");
    if (name.isEmpty())
        throw Error("A class needs a name");
    if (name.startsWith(QLatin1Char('.')) || name.contains(QLatin1Char('/')) ||
        name.contains(QLatin1Char('\\')) || name.size() > 100)
        throw Error("'" + str(name) +
                    "' cannot be a class: it becomes a folder's name (no / or \\, not starting "
                    "with a dot, at most 100 characters)");
    if (indexOf(name) >= 0)
        throw Error("There is a class '" + str(name) + "' already");
    if (!QDir(m_folder).mkpath(name))
        throw fileError(str(QDir(m_folder).filePath(name)), "cannot create the class folder");
    const auto at = std::lower_bound(m_classes.begin(), m_classes.end(), name,
                                     [](const Class &c, const QString &n) { return c.name < n; });
    const auto index = at - m_classes.begin();
    m_classes.insert(at, Class{name, {}});
    return int(index);
}

void TeachProject::addFile(int c, const QString &path)
{
    QStringList &files = m_classes.at(std::size_t(c)).files;
    if (!files.contains(path))
        files << path;
}

bool TeachProject::removeFile(int c, const QString &path)
{
    QStringList &files = m_classes.at(std::size_t(c)).files;
    if (!files.removeOne(path))
        return false;
    if (QFileInfo::exists(path) && !QFile::remove(path))
        throw fileError(str(path), "cannot delete it");
    return true;
}

void TeachProject::save() const
{
    if (!isOpen())
        throw Error("Teach: no project is open");
    nlohmann::json j = {{"backbone",
                               {{"model", backbone.model},
                                {"imagenet", backbone.imagenet},
                                {"image_size", backbone.imageSize}}},
                              {"camera", str(cameraSource)},
                              {"classes", nlohmann::json::array()}};
    nlohmann::json &classes = j["classes"]; // for a person reading the file; the folders rule
    for (const auto &c : m_classes)
        classes.push_back({{"name", str(c.name)}, {"images", c.files.size()}});
    writeFileAtomic(str(QDir(m_folder).filePath(QLatin1String(kSettingsFile))), j.dump(2) + "\n");
}

void TeachProject::saveAs(const QString &folder)
{
    const QString target = QDir(folder).absolutePath();
    if (target == m_folder)
        return save();
    QDir dir(target);
    if (dir.exists() && !dir.isEmpty())
        throw fileError(str(target), "is not empty: choose a new or empty folder");
    if (!QDir().mkpath(target))
        throw fileError(str(target), "cannot create the folder");
    for (auto &c : m_classes) {
        if (!dir.mkpath(c.name))
            throw fileError(str(dir.filePath(c.name)), "cannot create the class folder");
        QStringList copied;
        for (const QString &file : c.files) {
            const QString to =
                QDir(dir.filePath(c.name)).filePath(QDir(m_folder + "/" + c.name).relativeFilePath(file));
            QDir().mkpath(QFileInfo(to).absolutePath());
            if (!QFile::copy(file, to))
                throw fileError(str(to), "cannot copy " + str(file) + " there");
            copied << to;
        }
        c.files = copied;
    }
    m_folder = target;
    save();
}

} // namespace tl::ui
