-- The default reference data, so that `recon run` works right after
-- `recon migrate` (or `goose up`) with no other step.
--
-- * wind_units: the original system's list of 212 wind BM units
--   (server/data/bmuMapping.json, 2025-05-09), verbatim as JSON.
-- * miner_models: the three models the original system reported.
-- * difficulty_epochs: adjustments from block 715,680 (Dec 2021) to 945,504
--   (Apr 2026), built from public daily difficulty series; heights and
--   difficulties exact, time of day approximate. Provenance in
--   internal/refdata/README.md; a test checks these rows against those files.

-- +goose Up
INSERT INTO wind_units (elexon_bm_unit, national_grid_bm_unit, bm_unit_name, lead_party_name, fuel_type, generation_capacity, source)
SELECT u."elexonBmUnit", u."nationalGridBmUnit", u."bmUnitName", u."leadPartyName", u."fuelType",
       u."generationCapacity"::numeric, 'seed-212'
FROM jsonb_to_recordset($seed$
[
  {
    "nationalGridBmUnit": "NNPW01",
    "elexonBmUnit": "2__NNATP001",
    "bmUnitName": "2__NNATP001",
    "generationCapacity": "50.000",
    "fuelType": "WIND",
    "leadPartyName": "Npower Commercial Gas Limited"
  },
  {
    "nationalGridBmUnit": "CMSTW-1",
    "elexonBmUnit": "2__PEDGE003",
    "bmUnitName": "2__PEDGE003",
    "generationCapacity": "50.000",
    "fuelType": "WIND",
    "leadPartyName": "Edgware Energy Limited"
  },
  {
    "nationalGridBmUnit": "RSHLW-1",
    "elexonBmUnit": "2__PEDGE004",
    "bmUnitName": "2__PEDGE004",
    "generationCapacity": "24.700",
    "fuelType": "WIND",
    "leadPartyName": "Edgware Energy Limited"
  },
  {
    "nationalGridBmUnit": "ROTHW-1",
    "elexonBmUnit": "2__PENEC001",
    "bmUnitName": "Rothes Windfarm",
    "generationCapacity": "50.600",
    "fuelType": "WIND",
    "leadPartyName": "Eneco Energy Trade"
  },
  {
    "nationalGridBmUnit": "PAUHW-1",
    "elexonBmUnit": "2__PENEC002",
    "bmUnitName": "Pauls Hill Windfarm",
    "generationCapacity": "64.400",
    "fuelType": "WIND",
    "leadPartyName": "Eneco Energy Trade"
  },
  {
    "nationalGridBmUnit": "CAUSW-1",
    "elexonBmUnit": "2__PSMAE001",
    "bmUnitName": "2__PSMAE001",
    "generationCapacity": "0.000",
    "fuelType": "WIND",
    "leadPartyName": "Smartestenergy Limited"
  },
  {
    "nationalGridBmUnit": "AG-PSMA01",
    "elexonBmUnit": "2__PSMAR001",
    "bmUnitName": "2__PSMAR001",
    "generationCapacity": "50.000",
    "fuelType": "WIND",
    "leadPartyName": "Smartestenergy Limited"
  },
  {
    "nationalGridBmUnit": "CAIRW-2",
    "elexonBmUnit": "2__PSTAT001",
    "bmUnitName": "STAT P2 North Scotland",
    "generationCapacity": "42.000",
    "fuelType": "WIND",
    "leadPartyName": "Statkraft Markets Gmbh"
  },
  {
    "nationalGridBmUnit": "MDHLW-1",
    "elexonBmUnit": "2__PSTAT002",
    "bmUnitName": "STAT P3 North Scotland",
    "generationCapacity": "76.000",
    "fuelType": "WIND",
    "leadPartyName": "Statkraft Markets Gmbh"
  },
  {
    "nationalGridBmUnit": "ACHLW-1",
    "elexonBmUnit": "C__PSMAR001",
    "bmUnitName": "C__PSMAR001-AAA-ACH-183",
    "generationCapacity": "9.978",
    "fuelType": "WIND",
    "leadPartyName": "Smartestenergy Limited"
  },
  {
    "nationalGridBmUnit": "TMNCW-1",
    "elexonBmUnit": "C__PSTAT011",
    "bmUnitName": "C__PSTAT011-AAA-NAN-184",
    "generationCapacity": "40.000",
    "fuelType": "WIND",
    "leadPartyName": "Statkraft Markets Gmbh"
  },
  {
    "nationalGridBmUnit": "ABRTW-1",
    "elexonBmUnit": "E_ABRTW-1",
    "bmUnitName": "Auchrobert Wind Farm",
    "generationCapacity": "36.000",
    "fuelType": "WIND",
    "leadPartyName": "Npower Commercial Gas Limited"
  },
  {
    "nationalGridBmUnit": "AIRSW-1",
    "elexonBmUnit": "E_AIRSW-1",
    "bmUnitName": "Airies",
    "generationCapacity": "38.000",
    "fuelType": "WIND",
    "leadPartyName": "ENGIE Power Limited"
  },
  {
    "nationalGridBmUnit": "ASHWW-1",
    "elexonBmUnit": "E_ASHWW-1",
    "bmUnitName": "Andershaw Wind Farm",
    "generationCapacity": "35.000",
    "fuelType": "WIND",
    "leadPartyName": "Statkraft Markets Gmbh"
  },
  {
    "nationalGridBmUnit": "ASLVW-1",
    "elexonBmUnit": "E_ASLVW-1",
    "bmUnitName": "Assel Valley Wind Farm",
    "generationCapacity": "26.000",
    "fuelType": "WIND",
    "leadPartyName": "Npower Commercial Gas Limited"
  },
  {
    "nationalGridBmUnit": "BABAW-1",
    "elexonBmUnit": "E_BABAW-1",
    "bmUnitName": "Baillie Wind Farm",
    "generationCapacity": "52.500",
    "fuelType": "WIND",
    "leadPartyName": "Statkraft Markets Gmbh"
  },
  {
    "nationalGridBmUnit": "BETHW-1",
    "elexonBmUnit": "E_BETHW-1",
    "bmUnitName": "BETHW-1",
    "generationCapacity": "29.750",
    "fuelType": "WIND",
    "leadPartyName": "SP Renewables (UK) Limited"
  },
  {
    "nationalGridBmUnit": "BLARW-1",
    "elexonBmUnit": "E_BLARW-1",
    "bmUnitName": "E_BLARW-1",
    "generationCapacity": "35.000",
    "fuelType": "WIND",
    "leadPartyName": "Erova Energy Limited"
  },
  {
    "nationalGridBmUnit": "BNWKW-1",
    "elexonBmUnit": "E_BNWKW-1",
    "bmUnitName": "Burn of Whilk Windfarm",
    "generationCapacity": "22.500",
    "fuelType": "WIND",
    "leadPartyName": "Eneco Energy Trade"
  },
  {
    "nationalGridBmUnit": "BRDUW-1",
    "elexonBmUnit": "E_BRDUW-1",
    "bmUnitName": "Braes of Doune",
    "generationCapacity": "74.000",
    "fuelType": "WIND",
    "leadPartyName": "Erova Energy Limited"
  },
  {
    "nationalGridBmUnit": "BRYBW-1",
    "elexonBmUnit": "E_BRYBW-1",
    "bmUnitName": "Berry Burn Wind Farm",
    "generationCapacity": "66.700",
    "fuelType": "WIND",
    "leadPartyName": "Statkraft Markets Gmbh"
  },
  {
    "nationalGridBmUnit": "BTUIW-2",
    "elexonBmUnit": "E_BTUIW-2",
    "bmUnitName": "Beinn An Tuirc 2",
    "generationCapacity": "43.700",
    "fuelType": "WIND",
    "leadPartyName": "SP Renewables (UK) Limited"
  },
  {
    "nationalGridBmUnit": "BTUIW-3",
    "elexonBmUnit": "E_BTUIW-3",
    "bmUnitName": "Beinn an Tuirc III Windfarm",
    "generationCapacity": "52.000",
    "fuelType": "WIND",
    "leadPartyName": "SP Renewables (UK) Limited"
  },
  {
    "nationalGridBmUnit": "BURBW-1",
    "elexonBmUnit": "E_BURBO",
    "bmUnitName": "Burbo Offshore Wind",
    "generationCapacity": "90.000",
    "fuelType": "WIND",
    "leadPartyName": "Orsted Burbo (UK) Limited"
  },
  {
    "elexonBmUnit": "E_CLDRW-1",
    "leadPartyName": "Clyde Windfarm (Scotland) Ltd",
    "fuelType": "WIND"
  },
  {
    "nationalGridBmUnit": "CLFLW-1",
    "elexonBmUnit": "E_CLFLW-1",
    "bmUnitName": "Clachan Flats",
    "generationCapacity": "15.000",
    "fuelType": "WIND",
    "leadPartyName": "SP Renewables (UK) Limited"
  },
  {
    "nationalGridBmUnit": "CNCLW-1",
    "elexonBmUnit": "E_CNCLW-1",
    "bmUnitName": "Coire Na Cloiche WF",
    "generationCapacity": "30.520",
    "fuelType": "WIND",
    "leadPartyName": "Statkraft Markets Gmbh"
  },
  {
    "nationalGridBmUnit": "CRGTW-1",
    "elexonBmUnit": "E_CRGTW-1",
    "bmUnitName": "Craig 2 Wind Farm",
    "generationCapacity": "4.700",
    "fuelType": "WIND",
    "leadPartyName": "British Gas Trading Ltd"
  },
  {
    "nationalGridBmUnit": "DALSW-1",
    "elexonBmUnit": "E_DALSW-1",
    "bmUnitName": "Dalswinton Windfarm",
    "generationCapacity": "30.000",
    "fuelType": "WIND",
    "leadPartyName": "Mobius Renewables Gen. (GB)"
  },
  {
    "elexonBmUnit": "E_EAONE-1",
    "leadPartyName": "East Anglia One Limited",
    "fuelType": "WIND"
  },
  {
    "elexonBmUnit": "E_FALRW-1",
    "leadPartyName": "Fallago Rig Wind Farm Limited",
    "fuelType": "WIND"
  },
  {
    "nationalGridBmUnit": "GDSTW-1",
    "elexonBmUnit": "E_GDSTW-1",
    "bmUnitName": "Gordonstown",
    "generationCapacity": "13.289",
    "fuelType": "WIND",
    "leadPartyName": "Mobius Renewables Gen. (GB)"
  },
  {
    "nationalGridBmUnit": "GLCHW-1",
    "elexonBmUnit": "E_GLCHW-1",
    "bmUnitName": "Glenchamber",
    "generationCapacity": "27.440",
    "fuelType": "WIND",
    "leadPartyName": "ENGIE Power Limited"
  },
  {
    "nationalGridBmUnit": "GLOFW-1",
    "elexonBmUnit": "E_GLOFW-1",
    "bmUnitName": "Glens of Foudland",
    "generationCapacity": "26.700",
    "fuelType": "WIND",
    "leadPartyName": "Glens of Foudland Ltd"
  },
  {
    "nationalGridBmUnit": "GRGRW-1",
    "elexonBmUnit": "E_GRGRW-1",
    "bmUnitName": "Greengairs East WF-1",
    "generationCapacity": "36.000",
    "fuelType": "WIND",
    "leadPartyName": "Greengairs East Wind Farm Ltd"
  },
  {
    "nationalGridBmUnit": "HBHDW-1",
    "elexonBmUnit": "E_HBHDW-1",
    "bmUnitName": "HARBURNHEADWF",
    "generationCapacity": "51.700",
    "fuelType": "WIND",
    "leadPartyName": "LDV Harburnhead Ltd"
  },
  {
    "nationalGridBmUnit": "HLGLW-1",
    "elexonBmUnit": "E_HLGLW-1",
    "bmUnitName": "Hill of Glaschyle",
    "generationCapacity": "28.000",
    "fuelType": "WIND",
    "leadPartyName": "ENGIE Power Limited"
  },
  {
    "nationalGridBmUnit": "HLTWW-1",
    "elexonBmUnit": "E_HLTWW-1",
    "bmUnitName": "Hill of Towie",
    "generationCapacity": "48.000",
    "fuelType": "WIND",
    "leadPartyName": "SP Energy Retail Ltd"
  },
  {
    "nationalGridBmUnit": "HRHLW-1",
    "elexonBmUnit": "E_HRHLW-1",
    "bmUnitName": "Hare Hill Extension Windfarm",
    "generationCapacity": "30.000",
    "fuelType": "WIND",
    "leadPartyName": "SP Renewables (UK) Limited"
  },
  {
    "nationalGridBmUnit": "HYWDW-1",
    "elexonBmUnit": "E_HYWDW-1",
    "bmUnitName": "Hywind Generator BMU1",
    "generationCapacity": "30.000",
    "fuelType": "WIND",
    "leadPartyName": "HYWINDSC"
  },
  {
    "nationalGridBmUnit": "KINCW-1",
    "elexonBmUnit": "E_KINCW-1",
    "bmUnitName": "Kincardine Offshore Windfarm",
    "generationCapacity": "49.600",
    "fuelType": "WIND",
    "leadPartyName": "Statkraft Markets Gmbh"
  },
  {
    "nationalGridBmUnit": "MINSW-1",
    "elexonBmUnit": "E_MINSW-1",
    "bmUnitName": "Minsca Wind Farm",
    "generationCapacity": "38.123",
    "fuelType": "WIND",
    "leadPartyName": "Mobius Renewables Gen. (GB)"
  },
  {
    "elexonBmUnit": "E_MOBR2-1",
    "leadPartyName": "Mobius Renewables 2020 Limited",
    "fuelType": "WIND"
  },
  {
    "nationalGridBmUnit": "MOYEW-1",
    "elexonBmUnit": "E_MOYEW-1",
    "bmUnitName": "Moy Windfarm",
    "generationCapacity": "60.000",
    "fuelType": "WIND",
    "leadPartyName": "Eneco Energy Trade"
  },
  {
    "nationalGridBmUnit": "PIBUW-1",
    "elexonBmUnit": "E_PIBUW-1",
    "bmUnitName": "Pines Burn Wind Farm",
    "generationCapacity": "50.000",
    "fuelType": "WIND",
    "leadPartyName": "Npower Commercial Gas Limited"
  },
  {
    "elexonBmUnit": "E_SPENR-1",
    "leadPartyName": "SP Energy Retail Limited",
    "fuelType": "WIND"
  },
  {
    "nationalGridBmUnit": "SWBKW-1",
    "elexonBmUnit": "E_SWBKW-1",
    "bmUnitName": "Solwaybank WF",
    "generationCapacity": "30.000",
    "fuelType": "WIND",
    "leadPartyName": "Vattenfall Energy Trading"
  },
  {
    "nationalGridBmUnit": "TLYMW-1",
    "elexonBmUnit": "E_TLYMW-1",
    "bmUnitName": "Tullymurdoch Wind Farm",
    "generationCapacity": "14.360",
    "fuelType": "WIND",
    "leadPartyName": "ECOTRICITY LIMITED"
  },
  {
    "nationalGridBmUnit": "TULWW-1",
    "elexonBmUnit": "E_TULWW-1",
    "bmUnitName": "Tullo Windfarm",
    "generationCapacity": "17.000",
    "fuelType": "WIND",
    "leadPartyName": "Eneco Energy Trade"
  },
  {
    "nationalGridBmUnit": "TULWW-2",
    "elexonBmUnit": "E_TULWW-2",
    "bmUnitName": "Tullo Extension",
    "generationCapacity": "25.000",
    "fuelType": "WIND",
    "leadPartyName": "Eneco Energy Trade"
  },
  {
    "nationalGridBmUnit": "ABRBO-1",
    "elexonBmUnit": "T_ABRBO-1",
    "bmUnitName": "ABRBO-1",
    "generationCapacity": "99.000",
    "fuelType": "WIND",
    "leadPartyName": "Aberdeen Offshore Wind Farm"
  },
  {
    "nationalGridBmUnit": "ACHRW-1",
    "elexonBmUnit": "T_ACHRW-1",
    "bmUnitName": "AChruach Wind Farm",
    "generationCapacity": "42.600",
    "fuelType": "WIND",
    "leadPartyName": "Mobius Renewables Gen. (GB2"
  },
  {
    "nationalGridBmUnit": "AFTOW-1",
    "elexonBmUnit": "T_AFTOW-1",
    "bmUnitName": "Afton Wind Farm",
    "generationCapacity": "50.000",
    "fuelType": "WIND",
    "leadPartyName": "Afton Wind Farm Limited"
  },
  {
    "nationalGridBmUnit": "AKGLW-2",
    "elexonBmUnit": "T_AKGLW-2",
    "bmUnitName": "AIKENGALL II",
    "generationCapacity": "63.840",
    "fuelType": "WIND",
    "leadPartyName": "Aikengall 2 CWCL"
  },
  {
    "nationalGridBmUnit": "AKGLW-3",
    "elexonBmUnit": "T_AKGLW-3",
    "bmUnitName": "AIKENGALL2A-W",
    "generationCapacity": "163.400",
    "fuelType": "WIND",
    "leadPartyName": "AIK2A Sustainable Energy Ltd"
  },
  {
    "nationalGridBmUnit": "ANSUW-1",
    "elexonBmUnit": "T_ANSUW-1",
    "bmUnitName": "An Suidhe 1",
    "generationCapacity": "19.360",
    "fuelType": "WIND",
    "leadPartyName": "Statkraft Markets Gmbh"
  },
  {
    "nationalGridBmUnit": "ARCHW-1",
    "elexonBmUnit": "T_ARCHW-1",
    "bmUnitName": "Arecleoch",
    "generationCapacity": "114.000",
    "fuelType": "WIND",
    "leadPartyName": "SP Renewables (UK) Limited"
  },
  {
    "nationalGridBmUnit": "BDCHW-1",
    "elexonBmUnit": "T_BDCHW-1",
    "bmUnitName": "Bad a Cheo Wind Farm",
    "generationCapacity": "27.000",
    "fuelType": "WIND",
    "leadPartyName": "RWE Generation UK plc"
  },
  {
    "elexonBmUnit": "T_BEATO-1",
    "leadPartyName": "Beatrice Offshore Windfarm Ltd",
    "fuelType": "WIND"
  },
  {
    "elexonBmUnit": "T_BEATO-2",
    "leadPartyName": "Beatrice Offshore Windfarm Ltd",
    "fuelType": "WIND"
  },
  {
    "elexonBmUnit": "T_BEATO-3",
    "leadPartyName": "Beatrice Offshore Windfarm Ltd",
    "fuelType": "WIND"
  },
  {
    "elexonBmUnit": "T_BEATO-4",
    "leadPartyName": "Beatrice Offshore Windfarm Ltd",
    "fuelType": "WIND"
  },
  {
    "nationalGridBmUnit": "BEINW-1",
    "elexonBmUnit": "T_BEINW-1",
    "bmUnitName": "Beinneun Wind farm",
    "generationCapacity": "108.800",
    "fuelType": "WIND",
    "leadPartyName": "Beinneun Wind Farm Ltd"
  },
  {
    "nationalGridBmUnit": "BHLAW-1",
    "elexonBmUnit": "T_BHLAW-1",
    "bmUnitName": "Bhlaraidh Windfarm 1",
    "generationCapacity": "108.000",
    "fuelType": "WIND",
    "leadPartyName": "SSE Generation Ltd"
  },
  {
    "nationalGridBmUnit": "BLKWW-1",
    "elexonBmUnit": "T_BLKWW-1",
    "bmUnitName": "Blackcraig Windfarm",
    "generationCapacity": "54.688",
    "fuelType": "WIND",
    "leadPartyName": "Blackcraig Wind Farm Limited"
  },
  {
    "nationalGridBmUnit": "BLLA-1",
    "elexonBmUnit": "T_BLLA-1",
    "bmUnitName": "T_BLLA-1",
    "generationCapacity": "118.000",
    "fuelType": "WIND",
    "leadPartyName": "SP Renewables (UK) Limited"
  },
  {
    "nationalGridBmUnit": "BLLA-2",
    "elexonBmUnit": "T_BLLA-2",
    "bmUnitName": "Black Law Windfarm Extension",
    "generationCapacity": "69.000",
    "fuelType": "WIND",
    "leadPartyName": "SP Renewables (UK) Limited"
  },
  {
    "nationalGridBmUnit": "BOWLW-1",
    "elexonBmUnit": "T_BOWLW-1",
    "bmUnitName": "Barrow Offshore Wind",
    "generationCapacity": "90.000",
    "fuelType": "WIND",
    "leadPartyName": "Barrow Offshore Wind Limited"
  },
  {
    "nationalGridBmUnit": "BRBEO-1",
    "elexonBmUnit": "T_BRBEO-1",
    "bmUnitName": "BURBO_EXTENSION",
    "generationCapacity": "257.700",
    "fuelType": "WIND",
    "leadPartyName": "Burbo Extension Limited"
  },
  {
    "nationalGridBmUnit": "BROCW-1",
    "elexonBmUnit": "T_BROCW-1",
    "bmUnitName": "Broken Cross WF",
    "generationCapacity": "48.000",
    "fuelType": "WIND",
    "leadPartyName": "Smartestenergy Limited"
  },
  {
    "nationalGridBmUnit": "CGTHW-1",
    "elexonBmUnit": "T_CGTHW-1",
    "bmUnitName": "Corriegarth WF",
    "generationCapacity": "69.000",
    "fuelType": "WIND",
    "leadPartyName": "Corriegarth Wind Energy LTD"
  },
  {
    "nationalGridBmUnit": "CLDCW-1",
    "elexonBmUnit": "T_CLDCW-1",
    "bmUnitName": "Clyde Central",
    "generationCapacity": "200.000",
    "fuelType": "WIND",
    "leadPartyName": "Clyde Windfarm (Scotland) Ltd"
  },
  {
    "nationalGridBmUnit": "CLDNW-1",
    "elexonBmUnit": "T_CLDNW-1",
    "bmUnitName": "Clyde North",
    "generationCapacity": "200.000",
    "fuelType": "WIND",
    "leadPartyName": "Clyde Windfarm (Scotland) Ltd"
  },
  {
    "nationalGridBmUnit": "CLDSW-1",
    "elexonBmUnit": "T_CLDSW-1",
    "bmUnitName": "Clyde South",
    "generationCapacity": "150.000",
    "fuelType": "WIND",
    "leadPartyName": "Clyde Windfarm (Scotland) Ltd"
  },
  {
    "nationalGridBmUnit": "COUWW-1",
    "elexonBmUnit": "T_COUWW-1",
    "bmUnitName": "Cour Wind Farm",
    "generationCapacity": "20.500",
    "fuelType": "WIND",
    "leadPartyName": "Cour Wind farm (Scotland) Ltd"
  },
  {
    "nationalGridBmUnit": "CRDEW-1",
    "elexonBmUnit": "T_CRDEW-1",
    "bmUnitName": "Crossdykes WF-1",
    "generationCapacity": "23.764",
    "fuelType": "WIND",
    "leadPartyName": "Crossdykes WF Limited"
  },
  {
    "nationalGridBmUnit": "CRDEW-2",
    "elexonBmUnit": "T_CRDEW-2",
    "bmUnitName": "Crossdykes WF-2",
    "generationCapacity": "23.327",
    "fuelType": "WIND",
    "leadPartyName": "Crossdykes WF Limited"
  },
  {
    "elexonBmUnit": "T_CREAW-1",
    "leadPartyName": "Creag Riabhach Wind Farm Ltd",
    "fuelType": "WIND"
  },
  {
    "nationalGridBmUnit": "CRGHW-1",
    "elexonBmUnit": "T_CRGHW-1",
    "bmUnitName": "Carraig Gheal Wind Farm",
    "generationCapacity": "46.000",
    "fuelType": "WIND",
    "leadPartyName": "Statkraft Markets Gmbh"
  },
  {
    "nationalGridBmUnit": "CRMLW-1",
    "elexonBmUnit": "T_CRMLW-1",
    "bmUnitName": "Corriemoillie",
    "generationCapacity": "47.572",
    "fuelType": "WIND",
    "leadPartyName": "EDF Energy Customers Ltd"
  },
  {
    "nationalGridBmUnit": "CRYRW-2",
    "elexonBmUnit": "T_CRYRW-2",
    "bmUnitName": "Crystal Rig II Windfarm",
    "generationCapacity": "149.380",
    "fuelType": "WIND",
    "leadPartyName": "Eneco Energy Trade"
  },
  {
    "nationalGridBmUnit": "CRYRW-3",
    "elexonBmUnit": "T_CRYRW-3",
    "bmUnitName": "Crystal Rig III",
    "generationCapacity": "13.800",
    "fuelType": "WIND",
    "leadPartyName": "Eneco Energy Trade"
  },
  {
    "nationalGridBmUnit": "CUMHW-1",
    "elexonBmUnit": "T_CUMHW-1",
    "bmUnitName": "Cumberhead wind energy limited",
    "generationCapacity": "49.962",
    "fuelType": "WIND",
    "leadPartyName": "EDF Energy Customers Ltd"
  },
  {
    "nationalGridBmUnit": "DALQW-1",
    "elexonBmUnit": "T_DALQW-1",
    "bmUnitName": "Dalquhandy  Wind Farm",
    "generationCapacity": "42.000",
    "fuelType": "WIND",
    "leadPartyName": "Statkraft Markets Gmbh"
  },
  {
    "nationalGridBmUnit": "DBAWO-1",
    "elexonBmUnit": "T_DBAWO-1",
    "bmUnitName": "Dogger Bank A Offshore WF 1",
    "generationCapacity": "302.400",
    "fuelType": "WIND",
    "leadPartyName": "Doggerbank OWF Project 1"
  },
  {
    "nationalGridBmUnit": "DBAWO-2",
    "elexonBmUnit": "T_DBAWO-2",
    "bmUnitName": "Dogger Bank A Offshore WF 2",
    "generationCapacity": "304.000",
    "fuelType": "WIND",
    "leadPartyName": "Doggerbank OWF Project 1"
  },
  {
    "nationalGridBmUnit": "DBAWO-3",
    "elexonBmUnit": "T_DBAWO-3",
    "bmUnitName": "Dogger Bank A Offshore WF 3",
    "generationCapacity": "302.800",
    "fuelType": "WIND",
    "leadPartyName": "Doggerbank OWF Project 1"
  },
  {
    "nationalGridBmUnit": "DBAWO-4",
    "elexonBmUnit": "T_DBAWO-4",
    "bmUnitName": "Dogger Bank A Offshore WF 4",
    "generationCapacity": "152.600",
    "fuelType": "WIND",
    "leadPartyName": "Doggerbank OWF Project 1"
  },
  {
    "nationalGridBmUnit": "DBAWO-5",
    "elexonBmUnit": "T_DBAWO-5",
    "bmUnitName": "Dogger Bank A Offshore WF 5",
    "generationCapacity": "138.200",
    "fuelType": "WIND",
    "leadPartyName": "Doggerbank OWF Project 1"
  },
  {
    "nationalGridBmUnit": "DDGNO-1",
    "elexonBmUnit": "T_DDGNO-1",
    "bmUnitName": "Dudgeon Generator BMU 1",
    "generationCapacity": "108.000",
    "fuelType": "WIND",
    "leadPartyName": "Dudgeon Offshore Wind Ltd"
  },
  {
    "nationalGridBmUnit": "DDGNO-2",
    "elexonBmUnit": "T_DDGNO-2",
    "bmUnitName": "Dudgeon Generator BMU 2",
    "generationCapacity": "90.000",
    "fuelType": "WIND",
    "leadPartyName": "Dudgeon Offshore Wind Ltd"
  },
  {
    "nationalGridBmUnit": "DDGNO-3",
    "elexonBmUnit": "T_DDGNO-3",
    "bmUnitName": "Dudgeon Generator BMU 3",
    "generationCapacity": "102.000",
    "fuelType": "WIND",
    "leadPartyName": "Dudgeon Offshore Wind Ltd"
  },
  {
    "nationalGridBmUnit": "DDGNO-4",
    "elexonBmUnit": "T_DDGNO-4",
    "bmUnitName": "Dudgeon Generator BMU 4",
    "generationCapacity": "102.000",
    "fuelType": "WIND",
    "leadPartyName": "Dudgeon Offshore Wind Ltd"
  },
  {
    "nationalGridBmUnit": "DNLWW-1",
    "elexonBmUnit": "T_DNLWW-1",
    "bmUnitName": "Dunlaw Extension",
    "generationCapacity": "29.750",
    "fuelType": "WIND",
    "leadPartyName": "SP Renewables (UK) Limited"
  },
  {
    "elexonBmUnit": "T_DOREW-1",
    "leadPartyName": "Dorenell Windfarm Limited",
    "fuelType": "WIND"
  },
  {
    "elexonBmUnit": "T_DOREW-2",
    "leadPartyName": "Dorenell Windfarm Limited",
    "fuelType": "WIND"
  },
  {
    "nationalGridBmUnit": "DOUGW-1",
    "elexonBmUnit": "T_DOUGW-1",
    "bmUnitName": "T-DOUGW-1",
    "generationCapacity": "45.000",
    "fuelType": "WIND",
    "leadPartyName": "Erova Energy Limited"
  },
  {
    "nationalGridBmUnit": "DRSLW-1",
    "elexonBmUnit": "T_DRSLW-1",
    "bmUnitName": "Dersalloch Windfarm",
    "generationCapacity": "69.000",
    "fuelType": "WIND",
    "leadPartyName": "SP Renewables (UK) Limited"
  },
  {
    "nationalGridBmUnit": "DUNGW-1",
    "elexonBmUnit": "T_DUNGW-1",
    "bmUnitName": "Dunmglass Windfarm 1",
    "generationCapacity": "100.000",
    "fuelType": "WIND",
    "leadPartyName": "Dunmaglass Wind Farm Limited"
  },
  {
    "nationalGridBmUnit": "EAAO-1",
    "elexonBmUnit": "T_EAAO-1",
    "bmUnitName": "East Anglia One Offshore 1",
    "generationCapacity": "358.000",
    "fuelType": "WIND",
    "leadPartyName": "East Anglia One Limited"
  },
  {
    "nationalGridBmUnit": "EAAO-2",
    "elexonBmUnit": "T_EAAO-2",
    "bmUnitName": "East Anglia One Offshore 2",
    "generationCapacity": "367.000",
    "fuelType": "WIND",
    "leadPartyName": "East Anglia One Limited"
  },
  {
    "nationalGridBmUnit": "EDINW-1",
    "elexonBmUnit": "T_EDINW-1",
    "bmUnitName": "Edinbane Windfarm",
    "generationCapacity": "41.400",
    "fuelType": "WIND",
    "leadPartyName": "Vattenfall Wind Power Ltd"
  },
  {
    "nationalGridBmUnit": "EWHLW-1",
    "elexonBmUnit": "T_EWHLW-1",
    "bmUnitName": "Ewe Hill II Windfarm",
    "generationCapacity": "38.000",
    "fuelType": "WIND",
    "leadPartyName": "SP Renewables (UK) Limited"
  },
  {
    "nationalGridBmUnit": "FALGW-1",
    "elexonBmUnit": "T_FALGW-1",
    "bmUnitName": "Fallago Rig Wind Farm",
    "generationCapacity": "144.000",
    "fuelType": "WIND",
    "leadPartyName": "Fallago Rig Wind Farm Limited"
  },
  {
    "nationalGridBmUnit": "FAARW-1",
    "elexonBmUnit": "T_FARR-1",
    "bmUnitName": "Farr Unit 1",
    "generationCapacity": "92.000",
    "fuelType": "WIND",
    "leadPartyName": "Smartestenergy Limited"
  },
  {
    "nationalGridBmUnit": "FAARW-2",
    "elexonBmUnit": "T_FARR-2",
    "bmUnitName": "Farr Unit 2",
    "generationCapacity": "92.000",
    "fuelType": "WIND",
    "leadPartyName": "Smartestenergy Limited"
  },
  {
    "nationalGridBmUnit": "FSDLW-1",
    "elexonBmUnit": "T_FSDLW-1",
    "bmUnitName": "Freasdail Wind Farm",
    "generationCapacity": "22.200",
    "fuelType": "WIND",
    "leadPartyName": "Freasdail Energy Limited"
  },
  {
    "nationalGridBmUnit": "GAOFO-1",
    "elexonBmUnit": "T_GANW-11",
    "bmUnitName": "Galloper OSP 11",
    "generationCapacity": "88.000",
    "fuelType": "WIND",
    "leadPartyName": "Galloper Offshore WindFarm Ltd"
  },
  {
    "nationalGridBmUnit": "GAOFO-3",
    "elexonBmUnit": "T_GANW-13",
    "bmUnitName": "Galloper OSP 13",
    "generationCapacity": "88.000",
    "fuelType": "WIND",
    "leadPartyName": "Galloper Offshore WindFarm Ltd"
  },
  {
    "nationalGridBmUnit": "GAOFO-2",
    "elexonBmUnit": "T_GANW-22",
    "bmUnitName": "Galloper OSP 22",
    "generationCapacity": "88.000",
    "fuelType": "WIND",
    "leadPartyName": "Galloper Offshore WindFarm Ltd"
  },
  {
    "nationalGridBmUnit": "GAOFO-4",
    "elexonBmUnit": "T_GANW-24",
    "bmUnitName": "Galloper OSP 24",
    "generationCapacity": "88.000",
    "fuelType": "WIND",
    "leadPartyName": "Galloper Offshore WindFarm Ltd"
  },
  {
    "nationalGridBmUnit": "GLNKW-1",
    "elexonBmUnit": "T_GLNKW-1",
    "bmUnitName": "GLEN KYLLACHY WINDFARM",
    "generationCapacity": "52.000",
    "fuelType": "WIND",
    "leadPartyName": "EDF Energy Customers Ltd"
  },
  {
    "nationalGridBmUnit": "GLWSW-1",
    "elexonBmUnit": "T_GLWSW-1",
    "bmUnitName": "Galawhistle Wind Farm",
    "generationCapacity": "55.200",
    "fuelType": "WIND",
    "leadPartyName": "GALAWHISTLE WIND FARM"
  },
  {
    "nationalGridBmUnit": "GNAPW-1",
    "elexonBmUnit": "T_GNAPW-1",
    "bmUnitName": "Glen App Windfarm",
    "generationCapacity": "22.000",
    "fuelType": "WIND",
    "leadPartyName": "SP Renewables (UK) Limited"
  },
  {
    "nationalGridBmUnit": "GNFSW-1",
    "elexonBmUnit": "T_GNFSW-1",
    "bmUnitName": "Gunfleet Sands 1",
    "generationCapacity": "108.000",
    "fuelType": "WIND",
    "leadPartyName": "Gunfleet Sands Limited"
  },
  {
    "nationalGridBmUnit": "GNFSW-2",
    "elexonBmUnit": "T_GNFSW-2",
    "bmUnitName": "Gunfleet Sands 2",
    "generationCapacity": "64.480",
    "fuelType": "WIND",
    "leadPartyName": "Gunfleet Sands II Limited"
  },
  {
    "elexonBmUnit": "T_GORDW-1",
    "leadPartyName": "Vattenfall Wind Power Ltd",
    "fuelType": "WIND"
  },
  {
    "elexonBmUnit": "T_GORDW-2",
    "leadPartyName": "Vattenfall Wind Power Ltd",
    "fuelType": "WIND"
  },
  {
    "nationalGridBmUnit": "GRGBW-1",
    "elexonBmUnit": "T_GRGBW-1",
    "bmUnitName": "Greater Gabbard Module 1",
    "generationCapacity": "240.000",
    "fuelType": "WIND",
    "leadPartyName": "Greater Gabbard Offshore Winds"
  },
  {
    "nationalGridBmUnit": "GRGBW-2",
    "elexonBmUnit": "T_GRGBW-2",
    "bmUnitName": "Greater Gabbard Module 2",
    "generationCapacity": "240.000",
    "fuelType": "WIND",
    "leadPartyName": "Greater Gabbard Offshore Winds"
  },
  {
    "nationalGridBmUnit": "GRGBW-3",
    "elexonBmUnit": "T_GRGBW-3",
    "bmUnitName": "Greater Gabbard Module 3",
    "generationCapacity": "240.000",
    "fuelType": "WIND",
    "leadPartyName": "Greater Gabbard Offshore Winds"
  },
  {
    "nationalGridBmUnit": "GRIFW-1",
    "elexonBmUnit": "T_GRIFW-1",
    "bmUnitName": "Griffin Wind Farm 1",
    "generationCapacity": "102.000",
    "fuelType": "WIND",
    "leadPartyName": "Griffin Wind Farm Ltd"
  },
  {
    "nationalGridBmUnit": "GRIFW-2",
    "elexonBmUnit": "T_GRIFW-2",
    "bmUnitName": "Griffin Wind Farm 2",
    "generationCapacity": "102.000",
    "fuelType": "WIND",
    "leadPartyName": "Griffin Wind Farm Ltd"
  },
  {
    "nationalGridBmUnit": "GYMRO-15",
    "elexonBmUnit": "T_GYMR-15",
    "bmUnitName": "GyM OSPE 15",
    "generationCapacity": "148.000",
    "fuelType": "WIND",
    "leadPartyName": "Gwynt y Mor Offshore Wind Farm"
  },
  {
    "nationalGridBmUnit": "GYMRO-17",
    "elexonBmUnit": "T_GYMR-17",
    "bmUnitName": "GyM OSPE 17",
    "generationCapacity": "148.000",
    "fuelType": "WIND",
    "leadPartyName": "Gwynt y Mor Offshore Wind Farm"
  },
  {
    "nationalGridBmUnit": "GYMRO-26",
    "elexonBmUnit": "T_GYMR-26",
    "bmUnitName": "GyM OSPW 26",
    "generationCapacity": "148.000",
    "fuelType": "WIND",
    "leadPartyName": "Gwynt y Mor Offshore Wind Farm"
  },
  {
    "nationalGridBmUnit": "GYMRO-28",
    "elexonBmUnit": "T_GYMR-28",
    "bmUnitName": "GyM OSPW 28",
    "generationCapacity": "148.000",
    "fuelType": "WIND",
    "leadPartyName": "Gwynt y Mor Offshore Wind Farm"
  },
  {
    "nationalGridBmUnit": "HADHW-1",
    "elexonBmUnit": "T_HADHW-1",
    "bmUnitName": "Hadyard Hill Wind Farm",
    "generationCapacity": "130.000",
    "fuelType": "WIND",
    "leadPartyName": "SSE Renewables Wind Farms"
  },
  {
    "elexonBmUnit": "T_HALSW-1",
    "leadPartyName": "SSE Generation Ltd",
    "fuelType": "WIND"
  },
  {
    "nationalGridBmUnit": "HMGTO-1",
    "elexonBmUnit": "T_HMGTO-1",
    "bmUnitName": "Humber Offshore Wind Farm BMU1",
    "generationCapacity": "108.000",
    "fuelType": "WIND",
    "leadPartyName": "RWE Renewables UK Humber Wind"
  },
  {
    "nationalGridBmUnit": "HMGTO-2",
    "elexonBmUnit": "T_HMGTO-2",
    "bmUnitName": "Humber Offshore Wind Farm BMU2",
    "generationCapacity": "111.000",
    "fuelType": "WIND",
    "leadPartyName": "RWE Renewables UK Humber Wind"
  },
  {
    "nationalGridBmUnit": "HOWAO-1",
    "elexonBmUnit": "T_HOWAO-1",
    "bmUnitName": "HORNSEA_1A",
    "generationCapacity": "400.000",
    "fuelType": "WIND",
    "leadPartyName": "Hornsea 1 Limited"
  },
  {
    "nationalGridBmUnit": "HOWAO-2",
    "elexonBmUnit": "T_HOWAO-2",
    "bmUnitName": "HORNSEA_1B",
    "generationCapacity": "400.000",
    "fuelType": "WIND",
    "leadPartyName": "Hornsea 1 Limited"
  },
  {
    "nationalGridBmUnit": "HOWAO-3",
    "elexonBmUnit": "T_HOWAO-3",
    "bmUnitName": "HORNSEA_1C",
    "generationCapacity": "400.000",
    "fuelType": "WIND",
    "leadPartyName": "Hornsea 1 Limited"
  },
  {
    "nationalGridBmUnit": "HOWBO-1",
    "elexonBmUnit": "T_HOWBO-1",
    "bmUnitName": "HORNSEA_WF_2A",
    "generationCapacity": "440.000",
    "fuelType": "WIND",
    "leadPartyName": "Breesea Limited"
  },
  {
    "nationalGridBmUnit": "HOWBO-2",
    "elexonBmUnit": "T_HOWBO-2",
    "bmUnitName": "HORNSEA_WF_2B",
    "generationCapacity": "440.000",
    "fuelType": "WIND",
    "leadPartyName": "Sonningmay Wind Limited"
  },
  {
    "nationalGridBmUnit": "HOWBO-3",
    "elexonBmUnit": "T_HOWBO-3",
    "bmUnitName": "HORNSEA_WF_2C",
    "generationCapacity": "440.000",
    "fuelType": "WIND",
    "leadPartyName": "Soundmark Wind Limited"
  },
  {
    "nationalGridBmUnit": "HRSTW-1",
    "elexonBmUnit": "T_HRSTW-1",
    "bmUnitName": "Harestanes",
    "generationCapacity": "142.300",
    "fuelType": "WIND",
    "leadPartyName": "SP Renewables (UK) Limited"
  },
  {
    "nationalGridBmUnit": "KENNW-1",
    "elexonBmUnit": "T_KENNW-1",
    "bmUnitName": "Kennoxhead Wind Farm",
    "generationCapacity": "60.000",
    "fuelType": "WIND",
    "leadPartyName": "Kennoxhead Wind Farm Limited"
  },
  {
    "nationalGridBmUnit": "KILBW-1",
    "elexonBmUnit": "T_KILBW-1",
    "bmUnitName": "KILBW",
    "generationCapacity": "68.510",
    "fuelType": "WIND",
    "leadPartyName": "Kilbraur Wind Energy Ltd"
  },
  {
    "nationalGridBmUnit": "KLGLW-1",
    "elexonBmUnit": "T_KLGLW-1",
    "bmUnitName": "Kilgallioch Windfarm",
    "generationCapacity": "228.000",
    "fuelType": "WIND",
    "leadPartyName": "SP Renewables (UK) Limited"
  },
  {
    "nationalGridBmUnit": "KPMRW-1",
    "elexonBmUnit": "T_KPMRW-1",
    "bmUnitName": "KYPE MUIR WIND FARM",
    "generationCapacity": "89.000",
    "fuelType": "WIND",
    "leadPartyName": "OnPath Energy Limited"
  },
  {
    "nationalGridBmUnit": "KTHLW-1",
    "elexonBmUnit": "T_KTHLW-1",
    "bmUnitName": "KEITH HILL WINDFARM",
    "generationCapacity": "4.540",
    "fuelType": "WIND",
    "leadPartyName": "Statkraft Markets Gmbh"
  },
  {
    "nationalGridBmUnit": "KYPEW-1",
    "elexonBmUnit": "T_KYPEW-1",
    "bmUnitName": "KYPE MUIR EXT WIND FARM",
    "generationCapacity": "67.000",
    "fuelType": "WIND",
    "leadPartyName": "Kype Extension Wind Farm Ltd"
  },
  {
    "nationalGridBmUnit": "LARYO-1",
    "elexonBmUnit": "T_LARYW-1",
    "bmUnitName": "London Array BMU1",
    "generationCapacity": "171.000",
    "fuelType": "WIND",
    "leadPartyName": "London Array Limited"
  },
  {
    "nationalGridBmUnit": "LARYO-2",
    "elexonBmUnit": "T_LARYW-2",
    "bmUnitName": "London Array BMU2",
    "generationCapacity": "171.000",
    "fuelType": "WIND",
    "leadPartyName": "London Array Limited"
  },
  {
    "nationalGridBmUnit": "LARYO-3",
    "elexonBmUnit": "T_LARYW-3",
    "bmUnitName": "London Array BMU3",
    "generationCapacity": "171.000",
    "fuelType": "WIND",
    "leadPartyName": "London Array Limited"
  },
  {
    "nationalGridBmUnit": "LARYO-4",
    "elexonBmUnit": "T_LARYW-4",
    "bmUnitName": "London Array BMU4",
    "generationCapacity": "191.099",
    "fuelType": "WIND",
    "leadPartyName": "London Array Limited"
  },
  {
    "nationalGridBmUnit": "LCLTW-1",
    "elexonBmUnit": "T_LCLTW-1",
    "bmUnitName": "Lochluichart Windfarm",
    "generationCapacity": "69.000",
    "fuelType": "WIND",
    "leadPartyName": "Eneco Energy Trade"
  },
  {
    "nationalGridBmUnit": "LIMKW-1",
    "elexonBmUnit": "T_LIMKW-1",
    "bmUnitName": "Limekiln Wind Farm",
    "generationCapacity": "106.000",
    "fuelType": "WIND",
    "leadPartyName": "Limekiln Extension Ltd"
  },
  {
    "nationalGridBmUnit": "LNCSO-1",
    "elexonBmUnit": "T_LNCSW-1",
    "bmUnitName": "Lincs wind farm offshore BMU1",
    "generationCapacity": "150.000",
    "fuelType": "WIND",
    "leadPartyName": "Lincs Wind Farm Ltd"
  },
  {
    "nationalGridBmUnit": "LNCSO-2",
    "elexonBmUnit": "T_LNCSW-2",
    "bmUnitName": "Lincs wind farm offshore BMU2",
    "generationCapacity": "150.000",
    "fuelType": "WIND",
    "leadPartyName": "Lincs Wind Farm Ltd"
  },
  {
    "nationalGridBmUnit": "MIDMW-1",
    "elexonBmUnit": "T_MIDMW-1",
    "bmUnitName": "MIDDLE MUIR WIND FARM",
    "generationCapacity": "51.000",
    "fuelType": "WIND",
    "leadPartyName": "OnPath Energy Limited"
  },
  {
    "nationalGridBmUnit": "MILWW-1",
    "elexonBmUnit": "T_MILWW-1",
    "bmUnitName": "MILWW",
    "generationCapacity": "65.000",
    "fuelType": "WIND",
    "leadPartyName": "Millennium Wind Energy Ltd"
  },
  {
    "nationalGridBmUnit": "MKHLW-1",
    "elexonBmUnit": "T_MKHLW-1",
    "bmUnitName": "Mark Hill",
    "generationCapacity": "53.000",
    "fuelType": "WIND",
    "leadPartyName": "SP Renewables (UK) Limited"
  },
  {
    "elexonBmUnit": "T_MOWEO-1",
    "leadPartyName": "Moray Offshore Wind East Ltd",
    "fuelType": "WIND"
  },
  {
    "elexonBmUnit": "T_MOWEO-2",
    "leadPartyName": "Moray Offshore Wind East Ltd",
    "fuelType": "WIND"
  },
  {
    "elexonBmUnit": "T_MOWEO-3",
    "leadPartyName": "Moray Offshore Wind East Ltd",
    "fuelType": "WIND"
  },
  {
    "elexonBmUnit": "T_MOWWO-1",
    "leadPartyName": "Moray Offshore Wind West Ltd",
    "fuelType": "WIND"
  },
  {
    "elexonBmUnit": "T_MOWWO-2",
    "leadPartyName": "Moray Offshore Wind West Ltd",
    "fuelType": "WIND"
  },
  {
    "elexonBmUnit": "T_MOWWO-3",
    "leadPartyName": "Moray Offshore Wind West Ltd",
    "fuelType": "WIND"
  },
  {
    "elexonBmUnit": "T_MOWWO-4",
    "leadPartyName": "Moray Offshore Wind West Ltd",
    "fuelType": "WIND"
  },
  {
    "nationalGridBmUnit": "MYGPW-1",
    "elexonBmUnit": "T_MYGPW-1",
    "bmUnitName": "Minnygap Wind Farm",
    "generationCapacity": "25.000",
    "fuelType": "WIND",
    "leadPartyName": "Minnygap Energy Limited"
  },
  {
    "nationalGridBmUnit": "NNGAO-1",
    "elexonBmUnit": "T_NNGAO-1",
    "bmUnitName": "Neart Na Gaiothe WF 1",
    "generationCapacity": "224.000",
    "fuelType": "WIND",
    "leadPartyName": "Neart Na Gaoithe Offshore Wind"
  },
  {
    "nationalGridBmUnit": "NNGAO-2",
    "elexonBmUnit": "T_NNGAO-2",
    "bmUnitName": "Neart Na Gaiothe WF 2",
    "generationCapacity": "224.000",
    "fuelType": "WIND",
    "leadPartyName": "Neart Na Gaoithe Offshore Wind"
  },
  {
    "nationalGridBmUnit": "OMNDO-1",
    "elexonBmUnit": "T_OMNDW-1",
    "bmUnitName": "Ormonde Energy Limited 1",
    "generationCapacity": "150.760",
    "fuelType": "WIND",
    "leadPartyName": "Ormonde Energy Ltd"
  },
  {
    "nationalGridBmUnit": "PGBIW-1",
    "elexonBmUnit": "T_PGBIW-1",
    "bmUnitName": "Pogbie WF",
    "generationCapacity": "10.000",
    "fuelType": "WIND",
    "leadPartyName": "EDF Energy Customers Ltd"
  },
  {
    "nationalGridBmUnit": "PNYCW-1",
    "elexonBmUnit": "T_PNYCW-1",
    "bmUnitName": "PNYCW-1 Export",
    "generationCapacity": "228.000",
    "fuelType": "WIND",
    "leadPartyName": "Pen y Cymoedd Wind Farm LTD"
  },
  {
    "nationalGridBmUnit": "RCBKO-1",
    "elexonBmUnit": "T_RCBKO-1",
    "bmUnitName": "RACE_BANK_Z01",
    "generationCapacity": "284.000",
    "fuelType": "WIND",
    "leadPartyName": "Race Bank Wind Farm Ltd"
  },
  {
    "nationalGridBmUnit": "RCBKO-2",
    "elexonBmUnit": "T_RCBKO-2",
    "bmUnitName": "RACE_BANK_Z02",
    "generationCapacity": "290.000",
    "fuelType": "WIND",
    "leadPartyName": "Race Bank Wind Farm Ltd"
  },
  {
    "nationalGridBmUnit": "RMPNO-1",
    "elexonBmUnit": "T_RMPNO-1",
    "bmUnitName": "Rampion Offshore Wind BMU 1",
    "generationCapacity": "200.100",
    "fuelType": "WIND",
    "leadPartyName": "Rampion Offshore Windfarm Ltd"
  },
  {
    "nationalGridBmUnit": "RMPNO-2",
    "elexonBmUnit": "T_RMPNO-2",
    "bmUnitName": "Rampion Offshore Wind BMU 2",
    "generationCapacity": "200.100",
    "fuelType": "WIND",
    "leadPartyName": "Rampion Offshore Windfarm Ltd"
  },
  {
    "nationalGridBmUnit": "RREW-1",
    "elexonBmUnit": "T_RREW-1",
    "bmUnitName": "T_RREW-1",
    "generationCapacity": "114.293",
    "fuelType": "WIND",
    "leadPartyName": "RWE Renewables UK Robin Rigg"
  },
  {
    "nationalGridBmUnit": "RRWW-1",
    "elexonBmUnit": "T_RRWW-1",
    "bmUnitName": "T_RRWW-1",
    "generationCapacity": "90.838",
    "fuelType": "WIND",
    "leadPartyName": "RWE Renewables UK Robin Rigg"
  },
  {
    "nationalGridBmUnit": "SAKNW-1",
    "elexonBmUnit": "T_SAKNW-1",
    "bmUnitName": "Sandy Knowe Wind Farm",
    "generationCapacity": "87.000",
    "fuelType": "WIND",
    "leadPartyName": "Sandy Knowe Wind Farm Ltd"
  },
  {
    "nationalGridBmUnit": "SANQW-1",
    "elexonBmUnit": "T_SANQW-1",
    "bmUnitName": "SANQUHAR",
    "generationCapacity": "32.080",
    "fuelType": "WIND",
    "leadPartyName": "SANQUHAR CWCL"
  },
  {
    "elexonBmUnit": "T_SGRWO-1",
    "leadPartyName": "Seagreen Wind Energy Limited",
    "fuelType": "WIND"
  },
  {
    "elexonBmUnit": "T_SGRWO-2",
    "leadPartyName": "Seagreen Wind Energy Limited",
    "fuelType": "WIND"
  },
  {
    "elexonBmUnit": "T_SGRWO-3",
    "leadPartyName": "Seagreen Wind Energy Limited",
    "fuelType": "WIND"
  },
  {
    "elexonBmUnit": "T_SGRWO-4",
    "leadPartyName": "Seagreen Wind Energy Limited",
    "fuelType": "WIND"
  },
  {
    "elexonBmUnit": "T_SGRWO-5",
    "leadPartyName": "Seagreen Wind Energy Limited",
    "fuelType": "WIND"
  },
  {
    "elexonBmUnit": "T_SGRWO-6",
    "leadPartyName": "Seagreen Wind Energy Limited",
    "fuelType": "WIND"
  },
  {
    "nationalGridBmUnit": "SHRSO-1",
    "elexonBmUnit": "T_SHRSW-1",
    "bmUnitName": "Sheringham Shoal Unit 1",
    "generationCapacity": "158.400",
    "fuelType": "WIND",
    "leadPartyName": "Scira Offshore Energy Limited"
  },
  {
    "nationalGridBmUnit": "SHRSO-2",
    "elexonBmUnit": "T_SHRSW-2",
    "bmUnitName": "Sheringham Shoal Unit 2",
    "generationCapacity": "158.400",
    "fuelType": "WIND",
    "leadPartyName": "Scira Offshore Energy Limited"
  },
  {
    "nationalGridBmUnit": "SOKYW-1",
    "elexonBmUnit": "T_SOKYW-1",
    "bmUnitName": "South Kyle Wind Farm",
    "generationCapacity": "426.916",
    "fuelType": "WIND",
    "leadPartyName": "South Kyle Wind Farm Limited"
  },
  {
    "nationalGridBmUnit": "STLGW-1",
    "elexonBmUnit": "T_STLGW-1",
    "bmUnitName": "Stronelairg Windfarm 1",
    "generationCapacity": "108.000",
    "fuelType": "WIND",
    "leadPartyName": "Stronelairg Windfarm Limited"
  },
  {
    "nationalGridBmUnit": "STLGW-2",
    "elexonBmUnit": "T_STLGW-2",
    "bmUnitName": "Stronelairg Windfarm 2",
    "generationCapacity": "108.000",
    "fuelType": "WIND",
    "leadPartyName": "Stronelairg Windfarm Limited"
  },
  {
    "nationalGridBmUnit": "STLGW-3",
    "elexonBmUnit": "T_STLGW-3",
    "bmUnitName": "Stronelairg Windfarm 3",
    "generationCapacity": "108.000",
    "fuelType": "WIND",
    "leadPartyName": "Stronelairg Windfarm Limited"
  },
  {
    "nationalGridBmUnit": "STRNW-1",
    "elexonBmUnit": "T_STRNW-1",
    "bmUnitName": "Strathy North Wind Farm 1",
    "generationCapacity": "70.000",
    "fuelType": "WIND",
    "leadPartyName": "Strathy Wind Farm Limited"
  },
  {
    "nationalGridBmUnit": "TDBNW-1",
    "elexonBmUnit": "T_TDBNW-1",
    "bmUnitName": "Toddleburn",
    "generationCapacity": "31.600",
    "fuelType": "WIND",
    "leadPartyName": "SSE Generation Ltd"
  },
  {
    "nationalGridBmUnit": "THNTO-1",
    "elexonBmUnit": "T_THNTO-1",
    "bmUnitName": "Thanet Offshore Wind Limited 1",
    "generationCapacity": "287.699",
    "fuelType": "WIND",
    "leadPartyName": "Thanet Offshore Wind Limited"
  },
  {
    "nationalGridBmUnit": "THNTO-2",
    "elexonBmUnit": "T_THNTO-2",
    "bmUnitName": "Thanet Offshore Wind Limited 2",
    "generationCapacity": "230.159",
    "fuelType": "WIND",
    "leadPartyName": "Thanet Offshore Wind Limited"
  },
  {
    "nationalGridBmUnit": "TKNEW-1",
    "elexonBmUnit": "T_TKNEW-1",
    "bmUnitName": "Triton Knoll OSP East 1",
    "generationCapacity": "412.000",
    "fuelType": "WIND",
    "leadPartyName": "Triton Knoll Offshore Wind"
  },
  {
    "nationalGridBmUnit": "TKNWW-1",
    "elexonBmUnit": "T_TKNWW-1",
    "bmUnitName": "Triton Knoll OSP west 1",
    "generationCapacity": "412.000",
    "fuelType": "WIND",
    "leadPartyName": "Triton Knoll Offshore Wind"
  },
  {
    "nationalGridBmUnit": "TRLGW-1",
    "elexonBmUnit": "T_TRLGW-1",
    "bmUnitName": "T_TRLGW-1",
    "generationCapacity": "18.742",
    "fuelType": "WIND",
    "leadPartyName": "Smartestenergy Limited"
  },
  {
    "nationalGridBmUnit": "TWSHW-1",
    "elexonBmUnit": "T_TWSHW-1",
    "bmUnitName": "Twenty Shilling Wind Farm",
    "generationCapacity": "37.800",
    "fuelType": "WIND",
    "leadPartyName": "Twentyshilling Limited"
  },
  {
    "elexonBmUnit": "T_VKNGW-1",
    "leadPartyName": "Viking Energy Wind Farm LLP",
    "fuelType": "WIND"
  },
  {
    "elexonBmUnit": "T_VKNGW-2",
    "leadPartyName": "Viking Energy Wind Farm LLP",
    "fuelType": "WIND"
  },
  {
    "elexonBmUnit": "T_VKNGW-3",
    "leadPartyName": "Viking Energy Wind Farm LLP",
    "fuelType": "WIND"
  },
  {
    "elexonBmUnit": "T_VKNGW-4",
    "leadPartyName": "Viking Energy Wind Farm LLP",
    "fuelType": "WIND"
  },
  {
    "nationalGridBmUnit": "WDNSO-1",
    "elexonBmUnit": "T_WDNSO-1",
    "bmUnitName": "West of Duddon Sands Offshore1",
    "generationCapacity": "197.000",
    "fuelType": "WIND",
    "leadPartyName": "Morecambe Wind Limited"
  },
  {
    "nationalGridBmUnit": "WDNSO-2",
    "elexonBmUnit": "T_WDNSO-2",
    "bmUnitName": "West of Duddon Sands Offshore2",
    "generationCapacity": "201.000",
    "fuelType": "WIND",
    "leadPartyName": "Morecambe Wind Limited"
  },
  {
    "nationalGridBmUnit": "WDRGW-1",
    "elexonBmUnit": "T_WDRGW-1",
    "bmUnitName": "Windy Rig Wind Farm",
    "generationCapacity": "42.800",
    "fuelType": "WIND",
    "leadPartyName": "Windy Rig Wind Farm Limited"
  },
  {
    "nationalGridBmUnit": "WHIHW-1",
    "elexonBmUnit": "T_WHIHW-1",
    "bmUnitName": "Whiteside Hill WF",
    "generationCapacity": "27.520",
    "fuelType": "WIND",
    "leadPartyName": "Whiteside Hill"
  },
  {
    "nationalGridBmUnit": "WHILW-1",
    "elexonBmUnit": "T_WHILW-1",
    "bmUnitName": "T_WHILW-1",
    "generationCapacity": "309.000",
    "fuelType": "WIND",
    "leadPartyName": "SP Renewables (UK) Limited"
  },
  {
    "nationalGridBmUnit": "WHILW-2",
    "elexonBmUnit": "T_WHILW-2",
    "bmUnitName": "Whitelee Extension",
    "generationCapacity": "206.000",
    "fuelType": "WIND",
    "leadPartyName": "SP Renewables (UK) Limited"
  },
  {
    "nationalGridBmUnit": "WISTW-2",
    "elexonBmUnit": "T_WISTW-2",
    "bmUnitName": "Brockloch Rig 2 WF Exp A",
    "generationCapacity": "61.500",
    "fuelType": "WIND",
    "leadPartyName": "BROCKLOCH RIG WINDFARM LTD"
  },
  {
    "nationalGridBmUnit": "WLNYO-2",
    "elexonBmUnit": "T_WLNYO-2",
    "bmUnitName": "WALNEY_2",
    "generationCapacity": "183.600",
    "fuelType": "WIND",
    "leadPartyName": "Walney Offshore Windfarms Ltd"
  },
  {
    "nationalGridBmUnit": "WLNYO-3",
    "elexonBmUnit": "T_WLNYO-3",
    "bmUnitName": "WALNEY_3",
    "generationCapacity": "330.000",
    "fuelType": "WIND",
    "leadPartyName": "Walney Extension Ltd"
  },
  {
    "nationalGridBmUnit": "WLNYO-4",
    "elexonBmUnit": "T_WLNYO-4",
    "bmUnitName": "WALNEY_4",
    "generationCapacity": "330.000",
    "fuelType": "WIND",
    "leadPartyName": "Walney Extension Ltd"
  },
  {
    "nationalGridBmUnit": "WLNYW-1",
    "elexonBmUnit": "T_WLNYW-1",
    "bmUnitName": "WALNEY_1",
    "generationCapacity": "182.000",
    "fuelType": "WIND",
    "leadPartyName": "Walney Offshore Windfarms Ltd"
  },
  {
    "nationalGridBmUnit": "WTMSO-1",
    "elexonBmUnit": "T_WTMSO-1",
    "bmUnitName": "WESTERMOST_ROUGH",
    "generationCapacity": "205.000",
    "fuelType": "WIND",
    "leadPartyName": "Westermost Rough Limited"
  }
]
$seed$::jsonb) AS u("elexonBmUnit" text, "nationalGridBmUnit" text, "bmUnitName" text,
                     "leadPartyName" text, "fuelType" text, "generationCapacity" text);

INSERT INTO miner_models (name, hashrate_ths, power_watts) VALUES
    ('S19J_PRO', 100,  3050),
    ('S9',       13.5, 1323),
    ('M20S',     68,   3360);

INSERT INTO difficulty_epochs (height, activated_at, difficulty, time_precision, source, notes) VALUES
    (715680, '2021-12-25T09:18:00Z', 24272331996979.97, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (717696, '2022-01-08T07:20:00Z', 24371874614345.62, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (719712, '2022-01-21T03:13:00Z', 26643185256535.46, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (721728, '2022-02-04T02:57:00Z', 26690525287405.50, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (723744, '2022-02-17T12:04:00Z', 27967152532434.23, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (725760, '2022-03-03T17:21:00Z', 27550332084343.84, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (727776, '2022-03-17T16:45:00Z', 27452707696466.39, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (729792, '2022-03-31T05:44:00Z', 28587155782195.14, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (731808, '2022-04-14T08:20:00Z', 28225928151211.10, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (733824, '2022-04-27T15:40:00Z', 29794407589312.08, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (735840, '2022-05-10T23:31:00Z', 31251101365711.12, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (737856, '2022-05-25T14:20:00Z', 29897409688833.63, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (739872, '2022-06-08T10:55:00Z', 30283293547736.68, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (741888, '2022-06-22T19:09:00Z', 29570168636357.99, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (743904, '2022-07-07T00:09:00Z', 29152798808271.88, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (745920, '2022-07-21T18:38:00Z', 27692567959233.59, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (747936, '2022-08-04T12:54:00Z', 28174668481289.41, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (749952, '2022-08-18T10:20:00Z', 28351606743493.77, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (751968, '2022-08-31T06:14:00Z', 30977051760460.06, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (753984, '2022-09-13T20:40:00Z', 32045359565303.14, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (756000, '2022-09-28T02:04:00Z', 31360548173144.85, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (758016, '2022-10-10T10:34:00Z', 35610794164371.65, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (760032, '2022-10-23T23:41:00Z', 36835682546787.98, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (762048, '2022-11-07T01:30:00Z', 36762198818467.21, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (764064, '2022-11-20T22:33:00Z', 36950494067222.41, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (766080, '2022-12-06T01:57:00Z', 34244331613176.18, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (768096, '2022-12-19T16:14:00Z', 35364065900457.12, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (770112, '2023-01-03T02:10:00Z', 34093570325203.84, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (772128, '2023-01-15T20:36:00Z', 37590453655497.09, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (774144, '2023-01-29T06:42:00Z', 39350942467772.63, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (776160, '2023-02-12T08:38:00Z', 39156400059293.19, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (778176, '2023-02-25T01:20:00Z', 43053844193928.45, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (780192, '2023-03-10T20:28:00Z', 43551722213590.37, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (782208, '2023-03-23T22:25:00Z', 46843400286276.55, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (784224, '2023-04-06T16:03:00Z', 47887764338536.25, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (786240, '2023-04-20T12:05:00Z', 48712405953118.43, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (788256, '2023-05-04T16:16:00Z', 48005534313578.78, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (790272, '2023-05-18T05:37:00Z', 49549703178592.68, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (792288, '2023-05-31T19:03:00Z', 51234338863442.89, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (794304, '2023-06-14T08:55:00Z', 52350439455487.47, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (796320, '2023-06-28T22:40:00Z', 50646206431058.09, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (798336, '2023-07-12T03:00:00Z', 53911173001054.59, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (800352, '2023-07-26T14:00:00Z', 52328312063443.84, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (802368, '2023-08-09T12:17:00Z', 52391178981379.36, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (804384, '2023-08-22T15:06:00Z', 55621444139429.57, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (806400, '2023-09-06T02:29:00Z', 54150142369480.00, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (808416, '2023-09-19T10:31:00Z', 57119871304635.31, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (810432, '2023-10-03T08:11:00Z', 57321508229258.04, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (812448, '2023-10-16T10:43:00Z', 61030681983175.59, 'approx', 'refdata', 'anchor-check: btcnews.biz article says 61T reached at height 812,448'),
    (814464, '2023-10-30T04:00:00Z', 62463471666732.73, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (816480, '2023-11-12T15:39:00Z', 64678587803496.61, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (818496, '2023-11-26T00:19:00Z', 67957790298897.88, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (820512, '2023-12-10T04:48:00Z', 67305906902031.39, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (822528, '2023-12-23T07:57:00Z', 72006146478567.09, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (824544, '2024-01-06T01:01:00Z', 73197634206448.34, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (826560, '2024-01-20T15:46:00Z', 70343519904866.80, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (828576, '2024-02-02T14:40:00Z', 75502165623893.72, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (830592, '2024-02-15T16:03:00Z', 81725299822043.22, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (832608, '2024-03-01T00:46:00Z', 79351228131136.77, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (834624, '2024-03-14T06:28:00Z', 83947913181361.55, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (836640, '2024-03-28T09:56:00Z', 83126997340024.61, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (838656, '2024-04-10T21:36:00Z', 86388558925171.02, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (840672, '2024-04-24T12:51:00Z', 88104191118793.16, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (842688, '2024-05-09T09:45:00Z', 83148355189239.77, 'approx', 'refdata', 'ANCHOR: bitcoin dev thread quotes block 842688 ts 1715252414 difficulty 83148355189239'),
    (844704, '2024-05-23T06:14:00Z', 84381461788831.34, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (846720, '2024-06-06T07:45:00Z', 83716654861184.52, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (848736, '2024-06-20T09:23:00Z', 83675262295059.91, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (850752, '2024-07-05T03:22:00Z', 79495195323031.48, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (852768, '2024-07-18T16:11:00Z', 82047728459932.75, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (854784, '2024-07-31T08:51:00Z', 90666502495565.78, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (856800, '2024-08-14T23:49:00Z', 86871474313761.95, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (858816, '2024-08-28T14:09:00Z', 89471664776970.77, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (860832, '2024-09-11T02:53:00Z', 92671576265161.06, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (862848, '2024-09-25T19:00:00Z', 88404402370999.91, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (864864, '2024-10-09T06:25:00Z', 92049594548485.47, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (866880, '2024-10-22T17:33:00Z', 95672703408223.94, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (868896, '2024-11-04T22:43:00Z', 101646843652785.17, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (870912, '2024-11-18T19:32:00Z', 102289407543323.80, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (872928, '2024-12-02T15:07:00Z', 103919634711492.17, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (874944, '2024-12-16T01:27:00Z', 108522647629298.16, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (876960, '2024-12-29T22:19:00Z', 109782075598905.19, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (878976, '2025-01-12T19:23:00Z', 110451907374649.52, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (880992, '2025-01-27T04:18:00Z', 108105433845147.16, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (883008, '2025-02-09T09:03:00Z', 114167270716407.59, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (885024, '2025-02-23T20:16:00Z', 110568428300952.69, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (887040, '2025-03-09T16:09:00Z', 112149504190349.28, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (889056, '2025-03-23T10:46:00Z', 113757508810854.00, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (891072, '2025-04-05T15:48:00Z', 121507793131898.06, 'approx', 'refdata', 'anchor-check: minibolt doc shows height 891699 at difficulty 121507793131898.1'),
    (893088, '2025-04-19T12:00:00Z', 123234387977050.91, 'estimated', 'refdata', 'activation time estimated (source data gap 2025-04-09..04-22); only the day is likely'),
    (895104, '2025-05-03T20:38:00Z', 119116256505723.47, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (897120, '2025-05-17T15:16:00Z', 121658450774825.00, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (899136, '2025-05-31T00:00:00Z', 126982285146989.30, 'estimated', 'refdata', 'activation time estimated: near 00:00 UTC of this day or late the previous day'),
    (901152, '2025-06-14T01:54:00Z', 126411437451912.23, 'approx', 'refdata', 'anchor-check: @joinnextblock/telescope test block 901152 difficulty 126411437451912.23 mediantime 1749862778'),
    (903168, '2025-06-29T03:50:00Z', 116958512019762.11, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (905184, '2025-07-12T05:57:00Z', 126271255279306.98, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (907200, '2025-07-26T01:24:00Z', 127620086886391.78, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (909216, '2025-08-08T21:22:00Z', 129435235580344.81, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (911232, '2025-08-22T21:41:00Z', 129699156960680.91, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (913248, '2025-09-05T05:02:00Z', 136039872848261.31, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (915264, '2025-09-18T14:44:00Z', 142342602928674.94, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (917280, '2025-10-01T20:49:00Z', 150839487445890.50, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (919296, '2025-10-16T06:25:00Z', 146716052770107.47, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (921312, '2025-10-29T10:08:00Z', 155973032196071.94, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (923328, '2025-11-12T17:52:00Z', 152271405447597.38, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (925344, '2025-11-27T00:10:00Z', 149301205959699.91, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (927360, '2025-12-11T03:18:00Z', 148195306640204.72, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (929376, '2025-12-25T04:31:00Z', 148258433855481.31, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (931392, '2026-01-08T08:32:00Z', 146472570619930.78, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (933408, '2026-01-22T18:46:00Z', 141668107417558.25, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (935424, '2026-02-07T14:18:00Z', 125864590119494.27, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (937440, '2026-02-19T19:46:00Z', 144398401518100.94, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (939456, '2026-03-05T18:13:00Z', 145042165424853.28, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (941472, '2026-03-20T21:40:00Z', 133793147307542.75, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (943488, '2026-04-03T09:16:00Z', 138966872071213.20, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact'),
    (945504, '2026-04-17T18:02:00Z', 135594876535256.58, 'approx', 'refdata', 'time of day approximate (from the blend of daily averages); height and difficulty exact');

-- +goose Down
DELETE FROM difficulty_epochs WHERE source = 'refdata';
DELETE FROM miner_models WHERE name IN ('S19J_PRO', 'S9', 'M20S');
DELETE FROM wind_units WHERE source = 'seed-212';
