#pragma once

#include "teach/teach_model.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace tl::ui {

// A Teach tab project: an ordinary image-folder dataset (FOLDER/CLASS/*.png, classes sorted by
// name as the folder reader sorts them) plus `.teach.json` (backbone, camera source), hidden
// from the folder reader. Everything recorded is on disk at once; save() writes the settings.
// Lives in the GUI thread; listing a folder is all it reads. tl::Error with the path otherwise.
class TeachProject
{
public:
    static constexpr const char *kSettingsFile = ".teach.json";

    TeachProject() = default;
    // Opens the folder, creating it when missing: its subfolders are the classes (hidden ones
    // left out), their image files the examples; `.teach.json` when there.
    static TeachProject open(const QString &folder);

    bool isOpen() const { return !m_folder.isEmpty(); }
    const QString &folder() const { return m_folder; }
    int classCount() const { return int(m_classes.size()); }
    const QString &className(int c) const { return m_classes.at(std::size_t(c)).name; }
    const QStringList &files(int c) const { return m_classes.at(std::size_t(c)).files; }
    QString classFolder(int c) const;
    QStringList classNames() const;
    int indexOf(const QString &name) const;
    int imageCount() const;
    // Classes with at least one image: what training needs two of.
    int classesWithImages() const;

    // A new class folder; returns its index (classes stay sorted). tl::Error for a name that is
    // empty, taken, hidden (starts with '.'), or holds a path separator.
    int addClass(const QString &name);
    // Registers a file already written into class `c`'s folder.
    void addFile(int c, const QString &path);
    // Deletes the file from disk and the class; false when it was not there.
    bool removeFile(int c, const QString &path);

    teach::Backbone backbone;
    QString cameraSource = QStringLiteral("0");

    // Writes `.teach.json` (atomically).
    void save() const;
    // Copies the classes and settings into `folder` (created; must be empty or missing) and
    // continues there.
    void saveAs(const QString &folder);

private:
    struct Class
    {
        QString name;
        QStringList files;
    };
    void readSettings();
    QString m_folder;
    std::vector<Class> m_classes;
};

} // namespace tl::ui
