#pragma once

#include <QString>

namespace tl::runs {
struct Recipe;
}

namespace tl::ui {

// A recipe's title in the window's language. The titles live in core's recipe files (English,
// as the CLI prints them); recipe_titles.cpp lists them for lupdate, and tst_accessibility
// fails when a recipe's title has no German or French translation.
QString recipeTitle(const runs::Recipe &recipe);

} // namespace tl::ui
