// The wall's map: the town drawn offline, the overlays a duty room watches, and the
// commander's focus. Layers are grouped by what they depend on and memoized per group, so
// a 1 Hz unit position batch rebuilds the units and trails layers only, and a pulse frame
// only the ring.
import { FlyToInterpolator, MapView, WebMercatorViewport, type MapViewState, type PickingInfo } from '@deck.gl/core';
import DeckGL, { type DeckGLRef } from '@deck.gl/react';
import { useCallback, useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { INSTRUMENTED } from '../../app/instrumented';
import { useNow } from '../../app/useNow';
import { nameLanguage } from '../../i18n';
import { selectLink } from '../link/linkSlice';
import { useOpenIncidents } from '../queue/useQueueSelectors';
import { selectWallFlight, selectWallFocus } from '../wallFocus/wallFocusSlice';
import { loadWallFocus } from '../wallFocus/wallFocusThunks';
import { basemapGeometryLayers, basemapLabelLayers } from './basemapLayers';
import { cameraLayer } from './cameraLayer';
import { DetailCard } from './DetailCard';
import { drawIconAtlas } from './iconAtlas';
import { focusLayers, focusLinks, incidentLayers, needsPulse, pulseLayer, pulsePoints, toIncidentPoints, type FocusGeometry } from './incidentLayers';
import { heatLayer, heatPoints } from './heatLayer';
import { DEFAULT_VISIBILITY, type LayerVisibility, type MapLayerName } from './layerVisibility';
import './map-layers.css';
import { useFocusedRecord, useHeat, useRiskMap, useTownLayersData, useUnits, type TownLayersData } from './mapData';
import { describeObject, pickedObject, tooltipText, type MapObject } from './mapObjects';
import { MapLegend } from './MapLegend';
import { BASE, SAFETY_COLORS } from './mapTheme';
import { nearestCameras } from './nearestCameras';
import { patrolArrows, patrolLayer, suggestPatrol, type PatrolSuggestion, type PatrolUnit } from './patrol';
import { PatrolPanel } from './PatrolPanel';
import { placeLayers } from './placeLayers';
import { regionLayers } from './regionLayers';
import { riskGrids, riskLayer } from './riskLayer';
import { statusOfRow, unitColumns, unitLayer, type PositionUpdate } from './unitLayer';
import { trailLayer } from './unitTrails';
import { useLiveUnits } from './useLiveUnits';
import { usePulsePhase } from './useMapAnimation';
import { zoomBand, type ZoomBand } from './zoomBands';

/** Sandun's centre, until the town's own bounds are known. */
const START_VIEW: MapViewState = { longitude: 120.08, latitude: 30.333, zoom: 13.8, pitch: 0, bearing: 0 };
const FOCUS_ZOOM = 16.3;
const FLY_MS = 1_500;
// Views and interpolators are compared by identity: one instance each for the module.
const VIEW = new MapView({ id: 'map', repeat: false });
const FLY = new FlyToInterpolator({ speed: 1.6 });
// A wall is not double-clicked; without that gesture a single click needs no waiting.
const CONTROLLER = { doubleClickZoom: false };
/** The patrol suggestion follows the units, but a list that reshuffles every second cannot be read. */
const PATROL_EVERY_MS = 10_000;

function fitTown(town: TownLayersData, width: number, height: number): MapViewState {
  if (width < 50 || height < 50) return START_VIEW;
  const fitted = new WebMercatorViewport({ width, height }).fitBounds(town.bounds, { padding: Math.round(Math.min(width, height) * 0.04) });
  return { longitude: fitted.longitude, latitude: fitted.latitude, zoom: fitted.zoom, pitch: 0, bearing: 0 };
}

interface WallMapTestHook {
  setView(view: { longitude: number; latitude: number; zoom: number }): void;
  /**
   * For the bench: applies one 1 Hz batch of unit positions and draws it, synchronously;
   * returns the main-thread milliseconds it took (state update, layers, deck.gl redraw).
   */
  moveUnits(updates: readonly PositionUpdate[], at?: number): number;
  unitIds(): string[];
  /** Screen pixels (within the map) of a lon/lat in the current view, or null before the first frame. */
  project(lon: number, lat: number): [number, number] | null;
}

export function WallMap() {
  const { t, i18n } = useTranslation();
  const lang = nameLanguage(i18n.language);
  const dispatch = useAppDispatch();
  const { town, error } = useTownLayersData();
  const units = useUnits();
  const openIncidents = useOpenIncidents();
  const incidentsLoaded = useAppSelector((state) => state.queue.loaded);
  const focus = useAppSelector(selectWallFocus);
  const link = useAppSelector(selectLink).state;
  const record = useFocusedRecord(focus.incidentId);
  const deckRef = useRef<DeckGLRef>(null);
  const boxRef = useRef<HTMLDivElement>(null);

  const [visibility, setVisibility] = useState<LayerVisibility>(DEFAULT_VISIBILITY);
  const [view, setView] = useState<MapViewState>(START_VIEW);
  const [band, setBand] = useState<ZoomBand>(zoomBand(START_VIEW.zoom));
  const [zoomLevel, setZoomLevel] = useState(Math.floor(START_VIEW.zoom));
  const [selected, setSelected] = useState<MapObject | null>(null);
  const [ready, setReady] = useState(false);
  const [arrivedAt, setArrivedAt] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const streetLevel = band === 'street';
  const now = useNow(1_000);

  const followZoom = useCallback((zoom: number) => {
    setBand(zoomBand(zoom));
    setZoomLevel(Math.floor(zoom));
  }, []);
  const onViewStateChange = useCallback(({ viewState }: { viewState: MapViewState }) => followZoom(viewState.zoom), [followZoom]);
  // deck.gl reports user moves and transitions, not a new initial view: follow those here.
  const moveTo = useCallback(
    (next: MapViewState) => {
      setView(next);
      if (!next.transitionDuration) followZoom(next.zoom);
    },
    [followZoom],
  );

  // The focus is read again whenever the link comes back; entries on the stream carry it
  // in between.
  useEffect(() => {
    if (link === 'online') void dispatch(loadWallFocus()).catch(() => undefined);
  }, [dispatch, link]);

  // Fit the whole town once its bounds are known.
  useEffect(() => {
    if (!town || !boxRef.current) return;
    moveTo(fitTown(town, boxRef.current.clientWidth, boxRef.current.clientHeight));
  }, [town, moveTo]);

  const atlas = useMemo(() => drawIconAtlas(), []);

  // ---- static town layers: built once per town and zoom band -------------------------
  const geometry = useMemo(() => (town ? basemapGeometryLayers(town.basemap) : []), [town]);
  const labels = useMemo(() => (town ? basemapLabelLayers(town.basemap, { streetLevel }) : []), [town, streetLevel]);
  const { emergency, jointEnforcement, grid } = visibility;
  const regions = useMemo(
    () => (town ? regionLayers(town.regions, { emergency, jointEnforcement, grid }, band) : []),
    [town, emergency, jointEnforcement, grid, band],
  );
  const clusters = useMemo(() => town?.placeClusters.at(zoomLevel) ?? [], [town, zoomLevel]);
  const places = useMemo(
    () => (town ? placeLayers(town.placePoints, town.redPlaces.columns, clusters, { visible: visibility.places, streetLevel }) : []),
    [town, clusters, visibility.places, streetLevel],
  );
  const cameras = useMemo(
    () => (town ? [cameraLayer(town.cameras, atlas, { visible: visibility.cameras, streetLevel })] : []),
    [town, atlas, visibility.cameras, streetLevel],
  );

  // ---- units: the list (HTTP) and the live positions (stream, 1 Hz) are separate inputs --
  const unitCols = useMemo(() => (units ? unitColumns(units) : null), [units]);
  const unitColsRef = useRef(unitCols);
  unitColsRef.current = unitCols;
  const { frame: liveUnits, apply: applyPositions } = useLiveUnits(unitCols);
  const applyRef = useRef(applyPositions);
  applyRef.current = applyPositions;
  const unitPositions = liveUnits?.positions ?? null;
  const unitPositionsRef = useRef(unitPositions);
  unitPositionsRef.current = unitPositions;
  const unitsLayer = useMemo(
    () => (unitCols && unitPositions && unitPositions.value.length === unitCols.length * 2 ? [unitLayer(unitCols, unitPositions, atlas, { visible: visibility.units, streetLevel })] : []),
    [unitCols, unitPositions, atlas, visibility.units, streetLevel],
  );
  const trails = liveUnits?.trails ?? null;
  const trailsLayer = useMemo(() => (trails ? [trailLayer(trails, { visible: visibility.trails, streetLevel })] : []), [trails, visibility.trails, streetLevel]);

  // ---- analysis: the month's heat, the risk map and the patrol suggestion -------------
  const recent = useHeat(visibility.heat);
  const heat = useMemo(() => (recent ? heatPoints(recent, Date.now()) : null), [recent]);
  const heatLayers = useMemo(() => (heat ? [heatLayer(heat, { visible: visibility.heat, streetLevel })] : []), [heat, visibility.heat, streetLevel]);
  const riskItems = useRiskMap();
  const risk = useMemo(() => (town && riskItems ? riskGrids(town.grids, riskItems) : null), [town, riskItems]);
  const riskLayers = useMemo(() => (risk ? [riskLayer(risk, { visible: visibility.risk })] : []), [risk, visibility.risk]);
  const patrolTick = Math.floor(now / PATROL_EVERY_MS);
  const suggestions = useMemo<PatrolSuggestion[] | null>(() => {
    const positions = unitPositionsRef.current;
    if (!visibility.patrol || !risk || !unitCols || !positions) return null;
    const patrolUnits = unitCols.items.map((unit, row): PatrolUnit => {
      const status = statusOfRow(positions, row);
      return { id: unit.id, name: unit.name, lon: positions.value[row * 2]!, lat: positions.value[row * 2 + 1]!, available: status === 'available', offline: status === 'offline' };
    });
    return suggestPatrol(
      risk.map(({ grid, risk: r }) => ({ gridId: grid.id, name: grid.name, colour: r.colour, score: r.score, centre: grid.centre })),
      patrolUnits,
    );
    // Positions are read when the tick turns or the inputs change, not at every 1 Hz batch.
  }, [visibility.patrol, risk, unitCols, patrolTick, unitPositions !== null]);
  const patrolLayers = useMemo(
    () => (suggestions ? [patrolLayer(patrolArrows(suggestions, band, (colour) => SAFETY_COLORS[colour]), { visible: visibility.patrol })] : []),
    [suggestions, band, visibility.patrol],
  );

  // ---- incidents, pulse and focus ------------------------------------------------------
  const incidentPoints = useMemo(() => toIncidentPoints(openIncidents), [openIncidents]);
  const incidents = useMemo(() => incidentLayers(incidentPoints, { visible: visibility.incidents }), [incidentPoints, visibility.incidents]);
  const pulsingKey = incidentPoints.incidents
    .filter((incident) => needsPulse(incident, now))
    .map((incident) => incident.id)
    .join(',');
  // Keyed by which incidents pulse, so the ring buffer is rebuilt only when that set changes.
  const pulse = useMemo(() => pulsePoints(incidentPoints, now), [incidentPoints, pulsingKey]);
  const phase = usePulsePhase(visibility.incidents && pulse.length > 0);
  const pulseRing = pulseLayer(pulse, phase, { visible: visibility.incidents });

  const focusedIncident = focus.incidentId ? (openIncidents.find((i) => i.id === focus.incidentId) ?? null) : null;
  const focusLocation = record?.location ?? focusedIncident?.location ?? null;
  const focusGeometry = useMemo<FocusGeometry | null>(() => {
    if (!focusLocation) return null;
    const unitsAt = (record?.assignments ?? [])
      .filter((assignment) => assignment.status !== 'returned')
      .map((assignment) => unitCols?.rowOf.get(assignment.unitId))
      .filter((row): row is number => row !== undefined && unitPositions !== null)
      .map((row): [number, number] => [unitPositions!.value[row * 2]!, unitPositions!.value[row * 2 + 1]!]);
    const camerasAt = town ? nearestCameras(town.cameras, focusLocation).map((c): [number, number] => [c.location.lon, c.location.lat]) : [];
    return { position: [focusLocation.lon, focusLocation.lat], units: unitsAt, cameras: camerasAt };
    // The location object changes identity with every record refresh; its values do not.
  }, [focusLocation?.lon, focusLocation?.lat, record, unitCols, unitPositions, town]);
  const focus_ = useMemo(() => focusLayers(focusGeometry, focusGeometry ? focusLinks(focusGeometry) : []), [focusGeometry]);

  // Fly where the focus listener says (features/wallFocus/wallFlight.ts: once per focus,
  // when its location is known); this only moves the camera.
  const flight = useAppSelector(selectWallFlight);
  useEffect(() => {
    if (!flight) return;
    setView({
      longitude: flight.lon,
      latitude: flight.lat,
      zoom: FOCUS_ZOOM,
      pitch: 0,
      bearing: 0,
      transitionDuration: FLY_MS,
      transitionInterpolator: FLY,
      onTransitionEnd: () => setArrivedAt(flight.incidentId),
    } as MapViewState);
  }, [flight]);

  // Area fills sit right on the base map, under every line, label and symbol.
  const layers = [
    ...geometry,
    ...riskLayers,
    ...heatLayers,
    ...regions,
    ...labels,
    ...places,
    ...cameras,
    ...trailsLayer,
    ...patrolLayers,
    ...unitsLayer,
    focus_[0],
    incidents,
    pulseRing,
    focus_[1],
  ];

  // ---- interaction ---------------------------------------------------------------------
  const sources = useMemo(
    () => ({ incidents: incidentPoints, places: town?.places ?? null, redPlaceRows: town?.redPlaces.rows ?? null, units: unitCols }),
    [incidentPoints, town, unitCols],
  );
  const pick = useCallback((info: PickingInfo) => pickedObject(info.layer?.id, info.index, info.object, sources), [sources]);
  const getTooltip = useCallback(
    (info: PickingInfo) => {
      const object = pick(info);
      return object ? { text: tooltipText(describeObject(object, t, lang, Date.now()), lang), className: 'map-tooltip' } : null;
    },
    [pick, t, lang],
  );
  // Clicks are picked here rather than through deck.gl's onClick: its tap recogniser waits
  // on double-click and drag gestures and, under SwiftShader, never fired for a plain click.
  const onMapClick = useCallback(
    (event: MouseEvent<HTMLDivElement>) => {
      const deck = deckRef.current;
      if (!deck || event.target !== deck.deck?.getCanvas()) return;
      const rect = event.currentTarget.getBoundingClientRect();
      const info = deck.pickObject({ x: event.clientX - rect.left, y: event.clientY - rect.top, radius: 4 });
      setSelected(info ? pick(info) : null);
    },
    [pick],
  );
  const closeCard = useCallback(() => setSelected(null), []);
  const onToggle = useCallback((layer: MapLayerName) => setVisibility((v) => ({ ...v, [layer]: !v[layer] })), []);


  // Ready for a person (and a test) once the town, units and queue are in and every layer
  // has its data and atlases on the GPU in a rendered frame.
  const dataIn = town !== null && units !== null && incidentsLoaded;
  const onAfterRender = useCallback(() => {
    if (!dataIn) return;
    const deck = deckRef.current?.deck as unknown as { layerManager: { getLayers(): Array<{ isLoaded: boolean }> } | null } | undefined;
    const all = deck?.layerManager?.getLayers() ?? [];
    if (all.length > 0 && all.every((layer) => layer.isLoaded)) setReady(true);
  }, [dataIn]);

  // A test hook, in the instrumented build only: e2e tests set the view without simulating a wheel.
  useEffect(() => {
    if (!INSTRUMENTED) return;
    const hook: WallMapTestHook = {
      setView: (next) => moveTo({ ...next, pitch: 0, bearing: 0 }),
      moveUnits: (updates, at) => {
        const started = performance.now();
        flushSync(() => applyRef.current(updates, at));
        deckRef.current?.deck?.redraw('bench: unit positions');
        return performance.now() - started;
      },
      unitIds: () => [...(unitColsRef.current?.rowOf.keys() ?? [])],
      project: (lon, lat) => {
        const viewport = deckRef.current?.deck?.getViewports()[0];
        if (!viewport) return null;
        const [x, y] = viewport.project([lon, lat]);
        return [x!, y!];
      },
    };
    (window as unknown as { __dutydeckWallMap?: WallMapTestHook }).__dutydeckWallMap = hook;
    return () => {
      delete (window as unknown as { __dutydeckWallMap?: WallMapTestHook }).__dutydeckWallMap;
    };
  }, [moveTo]);

  if (failed) return <div className="empty-state"><p>{t('map.noWebgl')}</p></div>;

  return (
    <div
      ref={boxRef}
      className="map"
      style={{ background: BASE.background }}
      data-testid="wall-map"
      data-ready={ready ? 'true' : 'false'}
      data-band={band}
      data-incidents={incidentPoints.length}
      data-heat-points={heat?.length ?? ''}
      data-risk-grids={risk?.length ?? ''}
      data-trails={trails?.length ?? ''}
      data-patrol-moves={suggestions?.reduce((n, s) => n + s.moves.length, 0) ?? ''}
      data-focus-id={focus.incidentId ?? ''}
      data-arrived-id={arrivedAt ?? ''}
      onClick={onMapClick}
    >
      <DeckGL
        ref={deckRef}
        views={VIEW}
        initialViewState={view}
        controller={CONTROLLER}
        layers={layers}
        onViewStateChange={onViewStateChange}
        getTooltip={getTooltip}
        onAfterRender={onAfterRender}
        onError={(cause) => {
          if (/webgl|context/i.test(cause.message)) setFailed(true);
        }}
      />
      <MapLegend visibility={visibility} onToggle={onToggle} heatCount={heat?.length ?? null} />
      {visibility.patrol && <PatrolPanel suggestions={suggestions} />}
      {selected && <DetailCard description={describeObject(selected, t, lang, now)} onClose={closeCard} />}
      {!town && <div className="map-status">{error ? t('map.loadFailed') : t('map.loading')}</div>}
    </div>
  );
}
