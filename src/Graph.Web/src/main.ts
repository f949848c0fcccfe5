import './style.css';
import { correctionsView } from './corrections';
import { navigate, route, startRouter } from './router';
import { actorPicker } from './search';
import { actorUrl } from './util';
import { articlesView, articleView } from './views/article';
import { exploreView } from './views/explore';
import { homeView } from './views/home';
import { problem, main } from './views/layout';
import { pathView } from './views/path';
import { sidesView } from './views/sides';
import { stanceView } from './views/stance';

document.getElementById('search')!.replaceWith(
  actorPicker({ label: 'Search actors', placeholder: 'Search actors…', testId: 'search', onPick: (a) => navigate(actorUrl(a.id)) }));

route(/^\/$/, homeView);
route(/^\/actor\/([^/]+)\/?$/, exploreView);
route(/^\/sides\/([^/]+)\/?$/, sidesView);
route(/^\/stance\/([^/]+)\/([^/]+)\/?$/, stanceView);
route(/^\/path\/([^/]+)\/([^/]+)\/?$/, pathView);
route(/^\/article\/([^/]+)\/?$/, articleView);
route(/^\/articles\/?$/, articlesView);
route(/^\/corrections\/?$/, correctionsView);
route(/.*/, () => { main('missing').append(problem('Nothing here.', 'Search for an actor above.')); });
startRouter();
