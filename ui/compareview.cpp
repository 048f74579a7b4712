#include "compareview.h"
